import type { Metafile } from 'esbuild';

export interface Contributor {
  /** A package name (`@aws-sdk/client-s3`) or, for the function's own code, `(your code)`. */
  name: string;
  bytes: number;
  /** Share of the output file, 0..1. */
  share: number;
}

export interface SizeReport {
  outputFile: string;
  outputBytes: number;
  contributors: Contributor[];
  /** Bytes of @aws-sdk/*, @smithy/*, @aws-crypto/* in the bundle: what a managed runtime already has. */
  awsSdkBytes: number;
  awsSdkPackages: string[];
}

export const OWN_CODE = '(your code)';
const AWS_SDK = /^@(aws-sdk|smithy|aws-crypto)\//;

/**
 * Groups the bytes each input contributed to the bundle by package (the last node_modules
 * segment of its path, so nested and pnpm-store paths count under the right name).
 */
export function sizeReport(metafile: Metafile, outputFile: string, top = 10): SizeReport {
  // Metafile keys are relative to esbuild's working directory; the bundle is the one non-map output.
  const chosen = metafile.outputs[outputFile] ?? Object.entries(metafile.outputs).find(([path]) => !path.endsWith('.map'))?.[1];
  if (!chosen) throw new Error(`the esbuild metafile has no output file ${outputFile}`);
  const byPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(chosen.inputs)) {
    const name = packageOf(input);
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  const total = chosen.bytes;
  const all = [...byPackage.entries()]
    .map(([name, bytes]) => ({ name, bytes, share: total > 0 ? bytes / total : 0 }))
    .sort((a, b) => b.bytes - a.bytes || (a.name < b.name ? -1 : 1));
  const sdk = all.filter((c) => AWS_SDK.test(c.name));
  return {
    outputFile,
    outputBytes: total,
    contributors: all.slice(0, top),
    awsSdkBytes: sdk.reduce((n, c) => n + c.bytes, 0),
    awsSdkPackages: sdk.map((c) => c.name),
  };
}

/** `node_modules/.pnpm/x@1/node_modules/@scope/pkg/dist/a.js` -> `@scope/pkg`. */
export function packageOf(inputPath: string): string {
  const marker = 'node_modules/';
  const at = inputPath.lastIndexOf(marker);
  if (at === -1) return OWN_CODE;
  const parts = inputPath.slice(at + marker.length).split('/');
  const first = parts[0] ?? '';
  return first.startsWith('@') && parts[1] ? `${first}/${parts[1]}` : first || OWN_CODE;
}
