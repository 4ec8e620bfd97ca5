exports.handler = (event) => new Promise((resolve) => setTimeout(() => resolve({ later: event.n + 1 }), 10));
