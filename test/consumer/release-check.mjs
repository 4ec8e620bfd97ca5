// Release readiness of every package, from the tarballs a release would publish:
//   node test/consumer/release-check.mjs
// prints each tarball's size and file count, checks what is inside against the rules below,
// and runs `npm publish --dry-run` on it (no login needed; nothing is sent). The consumer test
// runs the same checks.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { prepareScratchProject } from './scratch-project.mjs';

/** Files that must never ship: sources, tests, build and tool configuration. */
const FORBIDDEN = [/^src\//, /\.test\.[cm]?[jt]s$/, /\.test-d\.ts$/, /^tsconfig.*\.json$/, /^scripts\//, /\.tsbuildinfo$/, /(^|\/)\.[^/]+$/, /\.map$/];

/** Every file path an `exports` map, `bin`, `main` or `types` field names. */
function targets(manifest) {
  const found = [];
  const visit = (value) => {
    if (typeof value === 'string') found.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(manifest.exports);
  visit(manifest.bin);
  for (const field of ['main', 'module', 'types']) visit(manifest[field]);
  return found.map((path) => path.replace(/^\.\//, ''));
}

/** Problems with one packed package; an empty list when it is fit to publish. */
export function checkTarball(pack, manifest) {
  const files = new Set(pack.files);
  const problems = [];
  for (const file of pack.files) {
    if (FORBIDDEN.some((rule) => rule.test(file))) problems.push(`ships ${file}, which is not for users: tighten "files" in package.json`);
  }
  for (const target of targets(manifest)) {
    if (!files.has(target)) problems.push(`package.json points at ${target}, which is not in the tarball: build first or fix the path`);
  }
  for (const required of ['README.md', 'LICENSE', 'package.json']) {
    if (!files.has(required)) problems.push(`has no ${required}`);
  }
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) problems.push(`${field}.${name} is still "${range}": pack with pnpm, which replaces it`);
    }
  }
  for (const field of ['license', 'repository', 'engines', 'sideEffects', 'exports']) {
    if (manifest[field] === undefined) problems.push(`package.json has no "${field}"`);
  }
  if (manifest.name.startsWith('@') && manifest.publishConfig?.access !== 'public') {
    problems.push('a scoped package needs publishConfig.access "public", or the first publish fails');
  }
  // Every condition that leads to JavaScript must have its types next to it.
  const conditions = Object.values(manifest.exports ?? {}).filter((entry) => entry && typeof entry === 'object');
  for (const entry of conditions) {
    for (const branch of [entry, ...Object.values(entry).filter((v) => v && typeof v === 'object')]) {
      if ('default' in branch && !('types' in branch)) problems.push(`an exports condition has "default" without "types": ${JSON.stringify(branch)}`);
    }
  }
  return problems;
}

/** `npm publish --dry-run` of a tarball: problems from its exit code and warnings. */
export async function publishDryRun(tarball) {
  try {
    const { stderr } = await promisify(execFile)('npm', ['publish', '--dry-run', tarball], { cwd: fileURLToPath(new URL('.', import.meta.url)) });
    // npm rewrites a malformed package.json on publish and says so: that must not happen.
    return stderr.split('\n').filter((line) => /auto-corrected|npm error|invalid/i.test(line));
  } catch (error) {
    return [`npm publish --dry-run failed: ${String(error.stderr || error.message).trim()}`];
  }
}

function unpackedBytes(dir) {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const path = join(dir, entry.name);
    return sum + (entry.isDirectory() ? unpackedBytes(path) : statSync(path).size);
  }, 0);
}

/** Size rows: packed (gzip) and unpacked bytes and file count per package. */
export function sizes(prepared) {
  return prepared.packs.map((pack) => ({
    name: pack.name,
    version: pack.version,
    packedBytes: statSync(prepared.tarballs[pack.name]).size,
    unpackedBytes: unpackedBytes(join(prepared.project, 'node_modules', pack.name)),
    files: pack.files.length,
  }));
}

/** The manifest as it was packed (npm installs the tarball's files as they are). */
export function packedManifest(prepared, name) {
  return JSON.parse(readFileSync(join(prepared.project, 'node_modules', name, 'package.json'), 'utf8'));
}

async function main() {
  const prepared = prepareScratchProject({ log: (message) => process.stderr.write(`${message}\n`) });
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
  process.stdout.write(`${'package'.padEnd(28)}${'packed'.padStart(12)}${'unpacked'.padStart(12)}${'files'.padStart(8)}\n`);
  for (const row of sizes(prepared)) {
    process.stdout.write(`${`${row.name}@${row.version}`.padEnd(28)}${kb(row.packedBytes).padStart(12)}${kb(row.unpackedBytes).padStart(12)}${String(row.files).padStart(8)}\n`);
  }
  let failed = 0;
  for (const pack of prepared.packs) {
    const problems = [...checkTarball(pack, packedManifest(prepared, pack.name)), ...(await publishDryRun(prepared.tarballs[pack.name]))];
    failed += problems.length;
    process.stdout.write(problems.length === 0 ? `ok    ${pack.name}: publishable\n` : problems.map((p) => `FAIL  ${pack.name}: ${p}\n`).join(''));
  }
  process.exitCode = failed === 0 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
