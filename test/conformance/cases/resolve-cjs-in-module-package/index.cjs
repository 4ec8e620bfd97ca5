exports.handler = async () => ({ format: typeof module === 'object' ? 'cjs' : 'esm' });
