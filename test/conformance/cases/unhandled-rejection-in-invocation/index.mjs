export const handler = async (event) => {
  if (event.crash) { Promise.reject(new Error('nobody awaited me')); await new Promise((r) => setTimeout(r, 2000)); }
  return 'ok';
};
