let invocations = 0;
export const handler = async (event) => {
  invocations++;
  if (event.slow) await new Promise((r) => setTimeout(r, 5000));
  return { invocations };
};
