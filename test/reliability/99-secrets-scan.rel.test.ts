// Runs last (files run in name order): scans everything the suite captured (every line the
// runtimes printed, every payload and Runtime API request kept, the tmp-cache and CLI runs'
// output, the figures that become RELIABILITY.md) for every planted secret, in every form
// a leak could take (as is, JSON-escaped, base64, URI-encoded).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordSection } from './support/figures.js';
import { WORK_DIR } from './support/paths.js';
import { leakForms, plantedSecrets } from './support/planted.js';

const found: string[] = [];
const loose: string[] = [];
let files = 0;
let lines = 0;
let bytes = 0;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
}

afterAll(() => {
  recordSection({
    order: '99',
    title: 'Secrets scan',
    summary: `Every file the suite captured under .tmp/reliability (runtime output, payloads, Runtime API traffic, child processes' output, the figures) scanned for the ${plantedSecrets().length} planted values (AWS credentials and other secrets in every runtime's environment, KMS plaintexts), each in 4 forms.`,
    rows: [
      ['files scanned', files],
      ['lines scanned', lines],
      ['bytes scanned', `${(bytes / 2 ** 20).toFixed(1)} MiB`],
      ['planted values found', found.length === 0 ? 'none' : found.join('; ')],
      ['capture files readable by others', loose.length === 0 ? 'none' : loose.join(', ')],
    ],
    checks: [
      ['no planted secret in any captured output', found.length === 0],
      ['something was scanned', lines > 1000],
    ],
  });
});

describe('secrets scan over all captured output', () => {
  it('finds no planted secret anywhere', () => {
    const secrets = plantedSecrets().map(({ name, value }) => ({ name, forms: leakForms(value) }));
    for (const file of walk(WORK_DIR)) {
      files++;
      const text = readFileSync(file, 'latin1');
      const utf8 = Buffer.from(text, 'latin1').toString('utf8');
      bytes += text.length;
      lines += text.split('\n').length;
      if (file.includes('captured') && (statSync(file).mode & 0o077) !== 0) loose.push(file.slice(WORK_DIR.length + 1));
      for (const { name, forms } of secrets) {
        if (forms.some((form) => text.includes(form) || utf8.includes(form))) found.push(`${name} in ${file.slice(WORK_DIR.length + 1)}`);
      }
    }
    expect(found).toEqual([]);
    expect(loose).toEqual([]);
    expect(lines).toBeGreaterThan(1000);
  });
});
