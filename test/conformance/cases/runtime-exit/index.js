exports.handler = async (event) => { if (event.exit) process.exit(3); return 'alive'; };
