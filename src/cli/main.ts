#!/usr/bin/env node
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `automl <command> [flags]`. Each command lives in ./commands/<name>.js and exports
 * `run(argv: string[]): Promise<number>` (the exit code), so adding one never touches this file.
 */
export interface CliCommand {
  readonly summary: string;
  run(argv: readonly string[]): Promise<number>;
}

function commandNames(): string[] {
  return readdirSync(join(__dirname, 'commands'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => f.slice(0, -3))
    .sort();
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  const names = commandNames();
  if (name === undefined || name === '--help' || name === 'help' || !names.includes(name)) {
    const lines = await Promise.all(
      names.map(
        async (n) =>
          `  ${n.padEnd(10)} ${((await import(join(__dirname, 'commands', `${n}.js`))) as CliCommand).summary}`,
      ),
    );
    const out = name === undefined || name === '--help' || name === 'help' ? process.stdout : process.stderr;
    if (name !== undefined && !names.includes(name) && name !== '--help' && name !== 'help') {
      out.write(`automl: unknown command '${name}'\n`);
    }
    out.write(`usage: automl <command> [flags]\n${lines.join('\n')}\n`);
    return name === undefined || name === '--help' || name === 'help' ? 0 : 2;
  }
  const command = (await import(join(__dirname, 'commands', `${name}.js`))) as CliCommand;
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`automl: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
