export const handler = async () => { const e = new Error('quota exceeded'); e.name = 'Function.QuotaExceeded'; throw e; };
