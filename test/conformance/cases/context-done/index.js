exports.handler = (event, context) => { if (event.fail) context.done(new Error('done with error')); else context.done(null, { legacy: 'done' }); };
