exports.handler = (event, context, callback) => { setTimeout(() => callback(null, 'called back later'), 20); };
