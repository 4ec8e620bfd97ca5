console.warn('cold start warning');
exports.handler = async () => 'ok';
