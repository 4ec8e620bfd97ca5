exports.handler = (event, context, callback) => callback(new RangeError('out of range'));
