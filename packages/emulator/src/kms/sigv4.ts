import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { kmsErrors } from './errors.js';

/** AWS credentials: the stand-in accepts requests signed (SigV4) with one of these. */
export interface KmsCredentials {
  /** The access key id. */
  accessKeyId: string;
  /** The secret access key used to sign. */
  secretAccessKey: string;
}

export interface VerifiedCaller {
  accessKeyId: string;
  region: string;
}

/** KMS accepts a signature made at most five minutes away from its own clock. */
const ALLOWED_SKEW_MS = 5 * 60 * 1000;

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;_.-]+), ?Signature=([0-9a-f]{64})$/;

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * Verifies a SigV4 header signature by signing the same request again with the secret we
 * know for the caller's access key (with @smithy/signature-v4, as the SDK signs) and
 * comparing. `forceExpired` lets fault injection play a request signed before a freeze.
 */
export async function verifySignature(
  request: { method: string; path: string; headers: IncomingHttpHeaders; body: Buffer },
  credentials: ReadonlyMap<string, KmsCredentials>,
  forceExpired: boolean,
): Promise<VerifiedCaller> {
  const authorization = headerValue(request.headers, 'authorization');
  if (!authorization) throw kmsErrors.missingAuthentication();
  const parsed = AUTH_PATTERN.exec(authorization);
  if (!parsed) throw kmsErrors.badSignature();
  const [, accessKeyId, shortDate, region, service, signedHeaderList, signature] = parsed as unknown as string[];
  const known = credentials.get(accessKeyId!);
  if (!known) throw kmsErrors.unrecognizedClient();

  const amzDate = headerValue(request.headers, 'x-amz-date') ?? '';
  const signedAt = parseAmzDate(amzDate);
  if (!signedAt || amzDate.slice(0, 8) !== shortDate || service !== 'kms') throw kmsErrors.badSignature();
  const now = new Date();
  if (forceExpired || Math.abs(now.getTime() - signedAt.getTime()) > ALLOWED_SKEW_MS) {
    const nowText = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    throw kmsErrors.signatureExpired(amzDate, nowText);
  }

  const signedNames = signedHeaderList!.split(';');
  const headers: Record<string, string> = {};
  for (const name of signedNames) {
    const value = headerValue(request.headers, name);
    if (value === undefined) throw kmsErrors.badSignature();
    headers[name] = value;
  }
  const [path, query = ''] = request.path.split('?', 2) as [string, string?];
  const resigned = await new SignatureV4({
    credentials: {
      accessKeyId: known.accessKeyId,
      secretAccessKey: known.secretAccessKey,
      // The token is part of what was signed; reuse the caller's so only the secret decides.
      ...(headers['x-amz-security-token'] ? { sessionToken: headers['x-amz-security-token'] } : {}),
    },
    region: region!,
    service: 'kms',
    sha256: Sha256,
    applyChecksum: false,
  }).sign(
    new HttpRequest({
      method: request.method,
      protocol: 'http:',
      hostname: (headers.host ?? '').split(':')[0] ?? '',
      path,
      query: Object.fromEntries(new URLSearchParams(query)),
      headers,
      body: request.body,
    }),
    { signingDate: signedAt, signableHeaders: new Set(signedNames) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(resigned.headers.authorization))?.[1] ?? '';
  if (expected.length !== signature!.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature!))) {
    throw kmsErrors.badSignature();
  }
  return { accessKeyId: accessKeyId!, region: region! };
}
