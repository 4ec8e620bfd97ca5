import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deferrableImports, lazyCryptoModule } from './lazy-crypto.js';

describe('deferrableImports', () => {
  it('defers named imports of crypto functions, in source and minified form', () => {
    expect(deferrableImports("import { randomInt } from 'node:crypto';\n")).toEqual(['randomInt']);
    expect(deferrableImports('import{randomInt as e,createHash as t}from"crypto";')).toEqual(['randomInt', 'createHash']);
    expect(deferrableImports("import { randomUUID } from 'crypto';\nimport { createHmac } from 'node:crypto';")).toEqual(['randomUUID', 'createHmac']);
  });

  it('keeps the import when any import of node:crypto in the file needs the module itself', () => {
    expect(deferrableImports("import * as crypto from 'node:crypto';")).toBeUndefined();
    expect(deferrableImports("import crypto from 'crypto';")).toBeUndefined();
    expect(deferrableImports("import crypto, { randomInt } from 'crypto';")).toBeUndefined();
    expect(deferrableImports("import { KeyObject } from 'node:crypto';")).toBeUndefined();
    expect(deferrableImports("import { webcrypto } from 'node:crypto';")).toBeUndefined();
    // A wrapper would drop the marker util.promisify reads on generateKeyPair.
    expect(deferrableImports("import { generateKeyPair } from 'node:crypto';")).toBeUndefined();
    expect(deferrableImports("import { randomInt } from 'node:crypto';\nimport 'node:crypto';")).toBeUndefined();
    expect(deferrableImports("import { randomInt } from 'node:crypto';\nimport { constants } from 'crypto';")).toBeUndefined();
    expect(deferrableImports("export { randomUUID } from 'node:crypto';")).toBeUndefined();
    expect(deferrableImports("import type from 'crypto';")).toBeUndefined();
  });

  it('ignores TypeScript type-only imports, which load nothing', () => {
    expect(deferrableImports("import type { KeyObject } from 'node:crypto';\nimport { randomUUID } from 'node:crypto';")).toEqual(['randomUUID']);
    expect(deferrableImports("import { type KeyObject, randomUUID } from 'node:crypto';")).toEqual(['randomUUID']);
    expect(deferrableImports("import type { KeyObject } from 'node:crypto';")).toBeUndefined();
  });

  it('is not misled by comments or strings that mention the module', () => {
    const commented = "// imported from node:crypto like Powertools imports randomInt\nimport { randomUUID } from 'node:crypto';";
    expect(deferrableImports(commented)).toEqual(['randomUUID']);
    // A named import inside a comment does not vouch for the real import beside it.
    expect(deferrableImports("// import { randomInt } from 'crypto'\nimport * as crypto from 'crypto';")).toBeUndefined();
    expect(deferrableImports("import { randomInt } from 'crypto';\nconst c = require('crypto');")).toBeUndefined();
    expect(deferrableImports("import { randomInt } from 'crypto';\nconst later = () => import('node:crypto');")).toBeUndefined();
    // A comment that opens a brace must not swallow the real import after it.
    expect(deferrableImports("// import { type\nimport { webcrypto } from 'node:crypto';\nimport { randomUUID } from 'node:crypto';")).toBeUndefined();
    // A comment inside the braces: the import is left as it is (only speed is lost).
    expect(deferrableImports("import {\n  randomUUID, // ids\n} from 'node:crypto';")).toBeUndefined();
    // A module name spelled with escapes cannot be counted.
    expect(deferrableImports("import { randomUUID } from 'crypto';\nimport * as c from 'node:\\u0063rypto';")).toBeUndefined();
  });

  it('leaves files without a crypto import alone', () => {
    expect(deferrableImports("import { readFileSync } from 'node:fs';\nconst cryptoName = 'crypto';")).toBeUndefined();
  });
});

describe('lazyCryptoModule', () => {
  it('works before its own statements ran (an import cycle can call a wrapper first)', () => {
    // Functions and `var` are hoisted: calling a wrapper ahead of the module body must work.
    const early = new Function(`const value = randomInt(0, 10);\n${lazyCryptoModule().replaceAll('export ', '')}\nreturn value;`);
    expect(early()).toBeGreaterThanOrEqual(0);
  });


  it('exports functions that load node:crypto at their first call and answer like it', async () => {
    const source = lazyCryptoModule();
    const mod = await import(`data:text/javascript,${encodeURIComponent(source)}`);
    expect(mod.randomUUID()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(mod.createHash('sha256').update('thaw').digest('hex')).toBe(createHash('sha256').update('thaw').digest('hex'));
    const value = mod.randomInt(0, 100);
    expect(Number.isInteger(value) && value >= 0 && value < 100).toBe(true);
    await expect(new Promise((resolve, reject) => mod.randomBytes(8, (e: Error | null, b: Buffer) => (e ? reject(e) : resolve(b.length))))).resolves.toBe(8);
  });
});
