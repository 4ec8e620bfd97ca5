exports.handler = async () => ({ picked: 'index.js' });
