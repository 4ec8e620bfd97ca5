export const handler = async (event) => { if (event.fail) throw new Error('bad input'); return 'fine'; };
