exports.handler = (event, context, callback) => { throw new SyntaxError('thrown synchronously'); };
