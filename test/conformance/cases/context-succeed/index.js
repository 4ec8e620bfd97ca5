exports.handler = (event, context) => { context.succeed({ legacy: 'succeed' }); };
