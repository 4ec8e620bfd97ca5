exports.handler = async (event, context, callback) => 'never answered';
