exports.handler = async () => ({ defaulted: true });
