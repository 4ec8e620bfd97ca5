exports.handlers = { v1: { get: async () => ({ route: 'v1.get' }) } };
