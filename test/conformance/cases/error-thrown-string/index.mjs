export const handler = async () => { throw 'just a string'; };
