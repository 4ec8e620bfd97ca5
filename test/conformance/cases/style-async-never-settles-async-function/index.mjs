export const handler = async (event) => {
  if (event.hang) await new Promise(() => {});
  return 'done';
};
