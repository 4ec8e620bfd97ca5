export const handler = async (event) => ({ greeting: `hello ${event.name}` });
