exports.handler = async () => () => 'a function';
