/**
 * Errors shaped exactly as KMS sends them over JSON 1.1: an HTTP status plus a body
 * `{"__type": "<Name>", "message": "..."}`. The AWS SDK turns `__type` into the error's `name`,
 * so tests can match on the same names they would see against the real service.
 */
export class KmsServiceError extends Error {
  /** The stable name to match on: `error.name === 'KmsServiceError'`. */
  override readonly name = 'KmsServiceError';
  constructor(
    /** KMS's exception name, sent as `__type` (e.g. `DisabledException`): what the AWS SDK makes the error's `name`. */
    readonly type: string,
    message: string,
    /** The HTTP status the stand-in answers with. */
    readonly status = 400,
  ) {
    super(message);
  }

  /** The JSON 1.1 error body, as KMS sends it. */
  toBody(): string {
    return JSON.stringify({ __type: this.type, message: this.message });
  }
}

export const kmsErrors = {
  invalidCiphertext: () => new KmsServiceError('InvalidCiphertextException', ''),
  notFound: (keyRef: string) => new KmsServiceError('NotFoundException', `Key '${keyRef}' does not exist`),
  disabled: (arn: string) => new KmsServiceError('DisabledException', `${arn} is disabled.`),
  incorrectKey: () =>
    new KmsServiceError(
      'IncorrectKeyException',
      'The key ID in the request does not identify a CMK that can perform this operation.',
    ),
  accessDenied: (principal: string, operation: string, arn: string) =>
    new KmsServiceError(
      'AccessDeniedException',
      `User: ${principal} is not authorized to perform: kms:${operation} on resource: ${arn} because no identity-based policy allows the kms:${operation} action`,
    ),
  throttling: () => new KmsServiceError('ThrottlingException', 'Rate exceeded'),
  internal: (status: number) =>
    new KmsServiceError('KMSInternalException', 'An internal error occurred. Try your request again.', status),
  validation: (detail: string) => new KmsServiceError('ValidationException', `1 validation error detected: ${detail}`),
  unknownOperation: () => new KmsServiceError('UnknownOperationException', ''),
  serialization: () => new KmsServiceError('SerializationException', 'Start of structure or map found where not expected.'),
  missingAuthentication: () => new KmsServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token'),
  unrecognizedClient: () =>
    new KmsServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.'),
  badSignature: () =>
    new KmsServiceError(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    ),
  signatureExpired: (signedAt: string, now: string) =>
    new KmsServiceError(
      'InvalidSignatureException',
      `Signature expired: ${signedAt} is now earlier than ${now} (5 min. skew allowed).`,
    ),
};
