exports.handler = async () => ({ total: 10n });
