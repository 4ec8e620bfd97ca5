class ValidationError extends Error { constructor(m) { super(m); this.name = 'ValidationError'; } }
export const handler = async () => { throw new ValidationError('email is required'); };
