exports.handler = (event, context, callback) => callback('plain failure');
