import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { formatBytes } from './bytes.js';
import { unzippedSize } from './file-tree.js';
import { checkLimits, type LimitReport } from './limits.js';
import type { Progress } from './progress.js';
import { writeZip, type ZipEntry } from './zip.js';

export interface ZipFileResult extends LimitReport {
  path: string;
  files: number;
  sha256: string;
  zippedBytes: number;
}

/**
 * Zips the entries (with progress), checks Lambda's limits before anything is written, then
 * writes the file. The sha256 is what CloudFormation and `aws lambda` report as CodeSha256
 * (base64 there, hex here).
 */
export async function writeZipFile(what: string, entries: ZipEntry[], path: string, options: { progress: Progress; viaS3: boolean }): Promise<ZipFileResult> {
  const unzippedBytes = unzippedSize(entries);
  checkLimits({ what, unzippedBytes });
  const step = options.progress.step(`zipping ${what}`);
  let bytes: Uint8Array;
  try {
    bytes = await writeZip(entries, (p) => step.update(`${p.filesDone}/${p.filesTotal} files, ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`));
  } catch (error) {
    step.fail();
    throw error;
  }
  step.done(`zipped ${entries.length} file${entries.length === 1 ? '' : 's'} of the ${what}`);
  const limits = checkLimits({ what, unzippedBytes, zippedBytes: bytes.length, viaS3: options.viaS3 });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return {
    ...limits,
    path,
    files: entries.length,
    zippedBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/**
 * The lines every packaging command prints for a zip it wrote, so they read alike:
 * `dist/fn.zip: 41.2 MB zipped, 118 MB unzipped (132 MB of Lambda's 250 MB left for …)`
 * and its sha256 on the next line.
 */
export function describeZip(result: ZipFileResult): string {
  return `${relative(process.cwd(), result.path)}: ${formatBytes(result.zippedBytes)} zipped, ${formatBytes(result.unzippedBytes)} unzipped ` +
    `(${formatBytes(result.unzippedRemaining)} of Lambda's 250 MB left for the function and its other layers)\n  sha256 ${result.sha256}`;
}
