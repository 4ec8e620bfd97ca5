exports.handler = async () => ({ picked: '.cjs' });
