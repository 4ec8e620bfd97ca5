/**
 * The Node.js versions a runtime layer can ship. Pinned, so that a layer built today and one
 * built next month carry the same bytes and the manifest can name the exact version.
 */
export const PINNED_NODE = { '22': '22.23.3', '24': '24.21.0' } as const;
export type NodeMajor = keyof typeof PINNED_NODE;

/** Lambda's architecture names, mapped to the names Node.js (and its npm packages) use. */
export const LAMBDA_ARCHS = { x86_64: 'x64', arm64: 'arm64' } as const;
export type LambdaArch = keyof typeof LAMBDA_ARCHS;
export type NodeArch = (typeof LAMBDA_ARCHS)[LambdaArch];

export function isNodeMajor(value: string): value is NodeMajor {
  return Object.hasOwn(PINNED_NODE, value);
}

export function isLambdaArch(value: string): value is LambdaArch {
  return Object.hasOwn(LAMBDA_ARCHS, value);
}

/** The Lambda architecture whose Linux Node.js binaries this machine can run, if any. */
export function machineLambdaArch(): LambdaArch | undefined {
  if (process.platform !== 'linux') return undefined;
  return (Object.keys(LAMBDA_ARCHS) as LambdaArch[]).find((arch) => LAMBDA_ARCHS[arch] === process.arch);
}
