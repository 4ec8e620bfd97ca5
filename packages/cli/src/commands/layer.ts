import { UsageError } from '../errors.js';

export async function layer(_argv: string[]): Promise<number> {
  throw new UsageError('thaw layer is being built; it is not available in this version');
}
