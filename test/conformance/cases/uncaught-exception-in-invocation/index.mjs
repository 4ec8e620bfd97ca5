let count = 0;
export const handler = async (event) => {
  count++;
  if (event.crash) { setTimeout(() => { throw new Error('thrown from a timer'); }, 1); await new Promise((r) => setTimeout(r, 2000)); }
  return { count };
};
