// Whether a file is an ES module or CommonJS, by Node's rules: .mjs/.cjs by extension,
// anything else by the `type` of the nearest package.json, searching upwards but never
// past a node_modules directory (a package's own package.json decides for it).
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

export type ModuleFormat = 'esm' | 'cjs';

export function moduleFormat(file: string): ModuleFormat {
  const extension = extname(file);
  if (extension === '.mjs') return 'esm';
  if (extension === '.cjs') return 'cjs';
  return packageType(dirname(file));
}

function packageType(startDirectory: string): ModuleFormat {
  let directory = startDirectory;
  for (;;) {
    const type = readPackageType(join(directory, 'package.json'));
    if (type !== undefined) return type;
    if (basename(directory) === 'node_modules') return 'cjs';
    const parent = dirname(directory);
    if (parent === directory) return 'cjs';
    directory = parent;
  }
}

/** undefined when there is no readable package.json here (keep searching). */
function readPackageType(file: string): ModuleFormat | undefined {
  // Checked first because most directories up from the task root have none, and a thrown
  // ENOENT per directory costs a stack trace each at cold start.
  if (!existsSync(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return (JSON.parse(text) as { type?: unknown }).type === 'module' ? 'esm' : 'cjs';
  } catch {
    // Node refuses to run code under an unparsable package.json; loading will say why.
    return 'cjs';
  }
}
