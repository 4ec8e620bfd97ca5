// Types of release-check.mjs (plain JavaScript so that it runs on bare Node).
import type { PackReport, ScratchProject } from './scratch-project.mjs';

export interface SizeRow {
  name: string;
  version: string;
  packedBytes: number;
  unpackedBytes: number;
  files: number;
}

export function checkTarball(pack: PackReport, manifest: Record<string, unknown>): string[];
export function publishDryRun(tarball: string): Promise<string[]>;
export function sizes(prepared: ScratchProject): SizeRow[];
export function packedManifest(prepared: ScratchProject, name: string): Record<string, unknown>;
