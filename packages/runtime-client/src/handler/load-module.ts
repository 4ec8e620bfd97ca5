// Loads the handler's module: CommonJS with require (synchronous, cheapest), ES modules
// with import() (which also waits for top-level await). Load failures become the
// platform's init error types, with messages that name the file.
import { pathToFileURL } from 'node:url';
import { ImportModuleError, UserCodeSyntaxError } from './errors.js';
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
    return new UserCodeSyntaxError(`${file} has a syntax error: ${error.message}`, error);
  }
  const errorCode = code(error);
  if (errorCode === 'MODULE_NOT_FOUND' || errorCode === 'ERR_MODULE_NOT_FOUND') {
    return new ImportModuleError(`${file} could not be loaded: ${firstLine(error)}. Install the missing module in the function package (or a layer).`, error);
  }
  if (errorCode === 'ERR_UNKNOWN_FILE_EXTENSION' || errorCode === 'ERR_REQUIRE_ESM') {
    return new ImportModuleError(`${file} could not be loaded: ${firstLine(error)}.`, error);
  }
  // Anything the module itself threw at top level is reported as it is.
  return error;
}
