exports.handler = (event, context, callback) => callback(null, 'never answered');
