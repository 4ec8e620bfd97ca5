export const handler = async (event) => event.kind === 'number' ? 3.5 : 'plain text';
