export const handler = async () => ({ format: typeof require === 'undefined' ? 'esm' : 'cjs' });
