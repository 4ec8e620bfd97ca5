const config = await new Promise((resolve) => setTimeout(() => resolve({ loaded: true }), 30));
export const handler = async () => config;
