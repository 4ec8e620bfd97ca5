// Types of replace-in-place.mjs, for the test that checks it (test/tmp-cache/build-in-place.test.ts).

/** Paths of the regular files under `dir`, relative to it ([] when `dir` does not exist). */
export function listFiles(dir: string): string[];

/** Makes `target` hold exactly the files of `staging`, one rename at a time; `onStep` runs after each step. */
export function replaceInPlace(staging: string, target: string, onStep?: (file: string) => void): void;
