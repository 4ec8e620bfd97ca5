let active = 0, most = 0;
export const handler = async (event) => { active++; most = Math.max(most, active); await new Promise((r) => setTimeout(r, 20)); active--; return { n: event.n, most }; };
