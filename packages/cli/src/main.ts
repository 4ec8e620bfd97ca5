import { UsageError } from './errors.js';

type Command = (argv: string[]) => Promise<number>;

// Commands are loaded on demand so `thaw invoke` never pays for esbuild or zip code.
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  invoke: { summary: 'run a function locally through the thaw runtime', load: async () => (await import('./commands/invoke.js')).invoke },
  build: { summary: 'bundle a function with esbuild for Lambda', load: async () => (await import('./commands/build.js')).build },
  layer: { summary: 'package a Lambda layer (node libraries or a custom runtime)', load: async () => (await import('./commands/layer.js')).layer },
  encrypt: { summary: 'encrypt a value with KMS for an environment variable', load: async () => (await import('./commands/encrypt.js')).encrypt },
};

export function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return `usage: thaw <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun \`thaw <command> --help\` for the options of a command.\n`;
}

/** Runs the CLI and returns the exit code (the caller sets process.exitCode). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`thaw: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await (await command.load())(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`thaw ${name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
