export const handler = async (event) => ({ length: event.text.length, codes: [...event.text].map((c) => c.charCodeAt(0)), after: event.after });
