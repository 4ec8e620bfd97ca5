exports.handler = 0;
