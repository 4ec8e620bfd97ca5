// Loads the handler's module: CommonJS with require (synchronous, cheapest), ES modules
// with import() (which also waits for top-level await). Load failures get the official
// client's treatment: a SyntaxError becomes Runtime.UserCodeSyntaxError, a CommonJS
// MODULE_NOT_FOUND Runtime.ImportModuleError, anything else (an ESM
// ERR_MODULE_NOT_FOUND included) is reported unchanged. Our diagnosis is attached.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ImportModuleError, UserCodeSyntaxError } from './errors.js';
import { explained } from './explanation.js';
import { moduleFormat } from './module-format.js';
import { requireFile } from './node-module.js';

function code(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? ((error as { code?: unknown }).code as string | undefined) : undefined;
}

function firstLine(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

export async function loadModule(file: string): Promise<Record<string, unknown>> {
  try {
    if (moduleFormat(file) === 'cjs') {
      try {
        return requireFile(file) as Record<string, unknown>;
      } catch (error) {
        // An extensionless file in ESM syntax, or require() of ESM on older Node: import it.
        if (code(error) !== 'ERR_REQUIRE_ESM' && code(error) !== 'ERR_REQUIRE_ASYNC_MODULE') throw error;
      }
    }
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw translateLoadError(file, error);
  }
}

function translateLoadError(file: string, error: unknown): unknown {
  if (error instanceof SyntaxError) {
    return explained(new UserCodeSyntaxError(error), `${file} has a syntax error: ${firstLine(error)}. Fix the code (or its build) and deploy again.`);
  }
  const errorCode = code(error);
  if (errorCode === 'MODULE_NOT_FOUND') {
    return explained(new ImportModuleError(withoutRuntimeInStack(error as RequireError, file)), `${file} could not be loaded: ${firstLine(error)}. Install the missing module in the function package (or a layer).`);
  }
  if (errorCode === 'ERR_MODULE_NOT_FOUND') {
    return explained(error, `${file} could not be loaded: ${firstLine(error)}. Install the missing module in the function package (or a layer), or fix the import path.`);
  }
  // Anything the module itself threw at top level is reported as it is.
  return error;
}

type RequireError = Error & { requireStack?: string[] };

/**
 * Node lists every requiring module in the message ("Require stack:"), down to the
 * runtime file that required the handler. The official client imports the handler, so its
 * stack ends at the handler file: ours is cut there too (the message is what callers see).
 */
function withoutRuntimeInStack(error: RequireError, file: string): RequireError {
  const stack = error.requireStack;
  if (!Array.isArray(stack)) return error;
  let handlerFile: string;
  try {
    handlerFile = realpathSync(file);
  } catch {
    return error;
  }
  const end = stack.indexOf(handlerFile);
  const marker = '\nRequire stack:\n';
  const at = error.message.indexOf(marker);
  if (end < 0 || end === stack.length - 1 || at < 0) return error;
  const kept = stack.slice(0, end + 1);
  error.message = `${error.message.slice(0, at)}${marker}${kept.map((entry) => `- ${entry}`).join('\n')}`;
  error.requireStack = kept;
  return error;
}
