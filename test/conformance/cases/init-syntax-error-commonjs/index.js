exports.handler = async () => { return {;
