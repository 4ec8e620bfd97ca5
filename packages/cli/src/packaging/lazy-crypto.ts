import type { Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';

// Loading node:crypto costs 4-8 ms of a cold start (OpenSSL set-up and the stream modules it
// pulls in), and bundled ES modules load every import before the first line runs. Many
// packages import a crypto function they call only on some paths (Powertools' Logger imports
// randomInt for its sampling draw, for example): for those imports the bundle gets a small
// module whose functions load node:crypto at their first call.

// Plain functions exported by node:crypto on Node.js 20, 22 and 24. Classes, objects and
// constants cannot be stood in for without loading the module, and generateKeyPair carries
// a promisify marker that a wrapper would drop: an import of any of those stays as it is.
const DEFERRABLE = new Set([
  'checkPrime', 'checkPrimeSync', 'createCipheriv', 'createDecipheriv', 'createDiffieHellman',
  'createDiffieHellmanGroup', 'createECDH', 'createHash', 'createHmac', 'createPrivateKey',
  'createPublicKey', 'createSecretKey', 'createSign', 'createVerify', 'diffieHellman', 'generateKey',
  'generateKeyPairSync', 'generateKeySync', 'generatePrime', 'generatePrimeSync', 'getCipherInfo',
  'getCiphers', 'getCurves', 'getDiffieHellman', 'getFips', 'getHashes', 'getRandomValues', 'hash',
  'hkdf', 'hkdfSync', 'pbkdf2', 'pbkdf2Sync', 'privateDecrypt', 'privateEncrypt', 'publicDecrypt',
  'publicEncrypt', 'randomBytes', 'randomFill', 'randomFillSync', 'randomInt', 'randomUUID', 'scrypt',
  'scryptSync', 'secureHeapUsed', 'setEngine', 'setFips', 'sign', 'timingSafeEqual', 'verify',
]);

const NAMESPACE = 'thaw-lazy-crypto';
const CRYPTO = /^(?:node:)?crypto$/;
// Every quoted 'crypto' / "node:crypto" in a file, and the named imports among them. A file is
// deferred only when each occurrence is a named import of deferrable functions: anything else
// (a namespace or default import, a re-export, a require, a dynamic import, even a string that
// merely names the module) keeps node:crypto as it is, so a misreading can only cost speed.
const SPECIFIER = /(['"])(?:node:)?crypto\1/g;
// The braces hold names only: no brace, quote, semicolon or slash, so a match can neither
// start inside a comment and swallow a real import nor hide a comment of its own.
const NAMED_IMPORT = /\bimport\s*(type\s*)?\{([^{}'"`;/]*)\}\s*from\s*(['"])(?:node:)?crypto\3/g;
// A module name written with escapes ('node:\u0063rypto') cannot be counted: such a file stays as it is.
const ESCAPED_SPECIFIER = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*(['"`])[^'"`\n]*\\/;

/**
 * The crypto functions a source file imports, when every mention of node:crypto in it is a
 * named import of deferrable functions; undefined otherwise.
 */
export function deferrableImports(source: string): string[] | undefined {
  if (ESCAPED_SPECIFIER.test(source)) return undefined;
  const mentions = source.match(SPECIFIER)?.length ?? 0;
  const names: string[] = [];
  let accounted = 0;
  for (const [, typeOnly, list = ''] of source.matchAll(NAMED_IMPORT)) {
    accounted += 1;
    // `import type { KeyObject } from 'crypto'` (TypeScript) is erased: it loads nothing.
    if (typeOnly) continue;
    for (const specifier of list.split(',')) {
      const [imported, ...rest] = specifier.trim().split(/\s+/);
      if (!imported) continue;
      if (imported === 'type' && rest.length > 0 && rest[0] !== 'as') continue; // `type X`: erased
      if (!DEFERRABLE.has(imported)) return undefined;
      names.push(imported);
    }
  }
  return accounted === mentions && names.length > 0 ? names : undefined;
}

/** The module that stands in for node:crypto: each function loads it at its first call. */
export function lazyCryptoModule(): string {
  const wrappers = [...DEFERRABLE].map((name) => `export function ${name}(...args) { return load().${name}(...args); }`);
  // `var` and a function declaration: both are hoisted, so a wrapper called while the bundle
  // is still starting (an import cycle evaluates modules before this one) already works.
  return ['var crypto;', "function load() { return (crypto ??= process.getBuiltinModule('node:crypto')); }", ...wrappers].join('\n');
}

/** esbuild plugin: imports of node:crypto functions load the module at first call. */
export function lazyCrypto(): Plugin {
  return {
    name: 'thaw-lazy-crypto',
    setup(build) {
      const byImporter = new Map<string, boolean>();
      const deferrable = (importer: string): boolean => {
        let known = byImporter.get(importer);
        if (known === undefined) {
          let source: string | undefined;
          try {
            source = readFileSync(importer, 'utf8');
          } catch {
            // Not a file on disk (stdin, another plugin's module): keep the import as it is.
          }
          known = source !== undefined && deferrableImports(source) !== undefined;
          byImporter.set(importer, known);
        }
        return known;
      };
      build.onResolve({ filter: CRYPTO }, (args) => {
        if (args.kind !== 'import-statement' || !deferrable(args.importer)) return undefined;
        return { path: 'node:crypto', namespace: NAMESPACE };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, () => ({ contents: lazyCryptoModule(), loader: 'js' }));
    },
  };
}
