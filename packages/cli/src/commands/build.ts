import { UsageError } from '../errors.js';

export async function build(_argv: string[]): Promise<number> {
  throw new UsageError('thaw build is being built; it is not available in this version');
}
