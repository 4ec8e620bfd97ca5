exports.handler = { not: 'a function' };
