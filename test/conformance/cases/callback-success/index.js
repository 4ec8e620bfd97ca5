exports.handler = (event, context, callback) => callback(null, { via: 'callback', n: event.n });
