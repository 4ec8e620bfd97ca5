const dep = require('not-installed-anywhere');
exports.handler = async () => dep;
