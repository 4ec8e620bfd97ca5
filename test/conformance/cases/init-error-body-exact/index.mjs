throw new Error('config missing', { cause: new Error('no such key') });
export const handler = async () => 'never';
