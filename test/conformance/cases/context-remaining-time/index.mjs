export const handler = async (event, context) => { const r = context.getRemainingTimeInMillis(); return { positive: r > 0, withinTimeout: r <= 3000 }; };
