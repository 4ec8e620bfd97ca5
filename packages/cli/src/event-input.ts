import { readFileSync } from 'node:fs';
import { UsageError } from './errors.js';

/**
 * Reads the event for `--event <file | ->`: JSON, checked before anything starts, so a typo
 * in the file is reported with its position rather than as a confusing handler failure.
 */
export function readEvent(source: string | undefined): unknown {
  if (source === undefined) return {};
  const label = source === '-' ? 'standard input' : `event file ${source}`;
  let text: string;
  try {
    text = readFileSync(source === '-' ? 0 : source, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${label} (${code ?? (error as Error).message}): check the path`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${label} is not valid JSON: ${(error as Error).message}`);
  }
}
