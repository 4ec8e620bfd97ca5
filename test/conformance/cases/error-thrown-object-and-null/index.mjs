export const handler = async (event) => { if (event.kind === 'null') throw null; if (event.kind === 'bare') throw Object.create(null); throw { code: 42 }; };
