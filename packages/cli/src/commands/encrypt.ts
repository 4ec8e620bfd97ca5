import { UsageError } from '../errors.js';

export async function encrypt(_argv: string[]): Promise<number> {
  throw new UsageError('thaw encrypt is being built; it is not available in this version');
}
