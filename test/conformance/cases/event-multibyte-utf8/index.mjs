export const handler = async (event) => ({ echo: event.s, length: event.s.length });
