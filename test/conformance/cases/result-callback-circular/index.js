exports.handler = (event, context, callback) => { const a = []; a.push(a); callback(null, a); };
