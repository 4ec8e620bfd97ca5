// Known secret values planted in every runtime environment, every KMS ciphertext and every
// handler of the suite. None of them may appear in anything the suite captures; the last
// file (99-secrets-scan) checks every captured line and file for each of them.

/** Credentials as the platform passes them to a function. */
export const PLANTED_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'ASIAPLANTEDTHAW7KEY00',
  AWS_SECRET_ACCESS_KEY: 'plAnted/Thaw+SecretAccessKey0123456789abcdEF',
  AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjEPLANTEDthawSessionToken//////////wEaCXVzLWVhc3QtMSJHMEUCIQ',
} as const;

/** Ordinary environment values a function keeps secret (a password, an API key). */
export const PLANTED_ENV = {
  DB_PASSWORD: 'planted-db-password-4f1e9c2b7a',
  THIRD_PARTY_API_KEY: 'sk_live_plantedThawApiKey51Hq0000',
} as const;

/** Plaintexts encrypted with the KMS stand-in. */
export const PLANTED_KMS_PLAINTEXTS = ['planted-kms-plaintext-webhook-key-9d8c7b6a5f', 'planted-kms-plaintext-db-url-postgres://u:p@h/d'] as const;

/** The environment every runtime of the suite gets. */
export function plantedEnvironment(): Record<string, string> {
  return { ...PLANTED_CREDENTIALS, ...PLANTED_ENV };
}

/** Every planted value, with the name the scan reports it by (never the value itself). */
export function plantedSecrets(): Array<{ name: string; value: string }> {
  return [
    ...Object.entries(PLANTED_CREDENTIALS).map(([name, value]) => ({ name, value })),
    ...Object.entries(PLANTED_ENV).map(([name, value]) => ({ name, value })),
    ...PLANTED_KMS_PLAINTEXTS.map((value, index) => ({ name: `KMS plaintext #${index + 1}`, value })),
  ];
}

/** Forms in which a leaked value could appear: as is, JSON-escaped, base64, URI-encoded. */
export function leakForms(value: string): string[] {
  return [...new Set([value, JSON.stringify(value).slice(1, -1), Buffer.from(value).toString('base64'), encodeURIComponent(value)])];
}
