exports.handler = async () => ({ picked: '.js' });
