export const handler = async (event) => {
  if (event.kind === 'string') throw 'plain text';
  if (event.kind === 'secrets') {
    // Shaped like an HTTP client's error: the request config (with a bearer token) and a credential.
    throw Object.assign(new Error('payment API failed'), {
      statusCode: 401,
      // An object-valued code (some SDKs nest details there) is left out like any object.
      code: { detail: `token ${process.env.PAYMENT_API_TOKEN}` },
      config: { headers: { Authorization: `Bearer ${process.env.PAYMENT_API_TOKEN}` } },
      sessionToken: process.env.AWS_SESSION_TOKEN,
      note: `called with ${process.env.PAYMENT_API_TOKEN}`,
    });
  }
  throw Object.assign(new Error('card refused'), { code: 'E42', statusCode: 402 });
};
