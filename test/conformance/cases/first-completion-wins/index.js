exports.handler = (event, context, callback) => { callback(null, 'first'); callback(null, 'second'); context.succeed('third'); return Promise.resolve('fourth'); };
