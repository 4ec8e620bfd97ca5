// Loads the handler's module: CommonJS with require (synchronous, cheapest), ES modules
// with import() (which also waits for top-level await). Load failures get the official
// client's treatment: a SyntaxError becomes Runtime.UserCodeSyntaxError, a CommonJS
// MODULE_NOT_FOUND Runtime.ImportModuleError, anything else (an ESM
// ERR_MODULE_NOT_FOUND included) is reported unchanged. Our diagnosis is attached.
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
    return explained(new ImportModuleError(error), `${file} could not be loaded: ${firstLine(error)}. Install the missing module in the function package (or a layer).`);
  }
  if (errorCode === 'ERR_MODULE_NOT_FOUND') {
    return explained(error, `${file} could not be loaded: ${firstLine(error)}. Install the missing module in the function package (or a layer), or fix the import path.`);
  }
  // Anything the module itself threw at top level is reported as it is.
  return error;
}
