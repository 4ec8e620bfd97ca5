/**
 * The flags that every packaging command (build, layer) takes. Declared once so that they
 * mean the same in each command and a new packaging command gets all of them.
 */
export const packagingFlags = {
  /** The zip is uploaded through S3: the 50 MB direct-upload limit does not apply. */
  s3: { type: 'boolean' },
  quiet: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
