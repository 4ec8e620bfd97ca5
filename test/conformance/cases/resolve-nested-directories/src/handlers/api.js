exports.get = async () => ({ where: __filename.endsWith('src/handlers/api.js') });
