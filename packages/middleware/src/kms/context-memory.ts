/**
 * Which encryption context decrypted each variable in 'auto' mode. Module state, so it lives
 * as long as the environment: a later decryption of the same variable (after a failed first
 * attempt, or from a second declaration) starts with the context that worked.
 */
export type UsedContext = 'function-name' | 'none';

const remembered = new Map<string, UsedContext>();

export function rememberedContext(variable: string): UsedContext | undefined {
  return remembered.get(variable);
}

export function rememberContext(variable: string, used: UsedContext): void {
  remembered.set(variable, used);
}

export function forgetContexts(): void {
  remembered.clear();
}
