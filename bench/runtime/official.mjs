// Installs the official runtime interface client (aws-lambda-ric) on demand into the
// git-ignored bench/.official folder. It is not a dependency of the workspace because
// its install runs a native build (about a minute) and needs Node 22+.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const OFFICIAL_VERSION = '4.0.2';
const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const installDir = join(benchDir, '.official');
const packageDir = join(installDir, 'node_modules', 'aws-lambda-ric');

function installedVersion() {
  const manifest = join(packageDir, 'package.json');
  if (!existsSync(manifest)) return undefined;
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

/**
 * Returns the entry script of the official client, installing it first if needed.
 * `nodeBin` must be Node 22+: npm runs the native build with the node found on PATH.
 */
export function officialEntry(nodeBin) {
  const entry = join(packageDir, 'index.mjs');
  if (installedVersion() === OFFICIAL_VERSION && existsSync(entry)) return entry;
  mkdirSync(installDir, { recursive: true });
  writeFileSync(join(installDir, 'package.json'), JSON.stringify({ private: true, name: 'official-ric-bench' }) + '\n');
  process.stderr.write(`installing aws-lambda-ric@${OFFICIAL_VERSION} into ${installDir} (native build, about a minute)...\n`);
  const env = { ...process.env, PATH: `${dirname(nodeBin)}:${process.env.PATH}` };
  try {
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', `aws-lambda-ric@${OFFICIAL_VERSION}`], {
      cwd: installDir, env, stdio: ['ignore', 'inherit', 'inherit'],
    });
  } catch (err) {
    throw new Error(
      `Could not install aws-lambda-ric@${OFFICIAL_VERSION} into ${installDir} (${err.message}). ` +
        'Its native build needs cmake, make, a C++ compiler and autotools (autoconf, automake, libtool); ' +
        'install them, or run the benchmark with --skip-official.',
    );
  }
  if (!existsSync(entry)) throw new Error(`aws-lambda-ric installed but ${entry} is missing; delete ${installDir} and retry.`);
  return entry;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { nodeBinary } = await import('../../scripts/node-binary.mjs');
  console.log(officialEntry(nodeBinary(24)));
}
