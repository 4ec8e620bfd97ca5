// Types of scratch-project.mjs (plain JavaScript so that release-check.mjs runs on bare Node).

/** What `pnpm pack --json` reported for one package. */
export interface PackReport {
  name: string;
  version: string;
  /** The tarball, relative to the cache entry. */
  file: string;
  /** Paths inside the tarball (without the `package/` prefix). */
  files: string[];
}

export interface ScratchProject {
  /** The cache entry holding the tarballs and the installed project. */
  dir: string;
  /** The installed project; its node_modules holds every package and its dependencies. */
  project: string;
  /** Absolute tarball path by package name. */
  tarballs: Record<string, string>;
  packs: PackReport[];
}

export const repoRoot: string;
export const PNPM: string[];
export const PACKAGE_DIRS: string[];
export function contentKey(): string;
export function prepareScratchProject(options?: { log?: (message: string) => void }): ScratchProject;
