module.exports.handler = async () => ({ format: typeof require === 'function' ? 'cjs' : 'esm' });
