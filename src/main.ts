// The only impure module: arguments, stdin and files in; stdout, stderr and the exit code out.
// Whatever goes wrong ends as one line on stderr and exit 1, never a stack trace or half an output.
import { readFileSync } from 'node:fs';
import { runCli } from './cli.js';
import { FUNCTION_NAME } from './constants.js';
import { InputError } from './io/resource-list.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Uint8Array, source: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new InputError(`${source} is not valid UTF-8 text`);
  }
}

function readInput(path: string | number, source: string): string {
  try {
    return decode(readFileSync(path), source);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${source} does not exist` : `cannot read ${source} (${code ?? 'unknown error'})`);
  }
}

function main(): void {
  let result;
  try {
    result = runCli(process.argv.slice(2), {
      readStdin: () => readInput(0, 'stdin'),
      readFile: (path) => readInput(path, path),
    });
  } catch (e) {
    const message = e instanceof InputError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}; please report it`;
    result = { stdout: '', stderr: `${FUNCTION_NAME}: error: ${message.split('\n')[0]}\n`, code: 1 };
  }
  if (result.stderr) process.stderr.write(result.stderr);
  if (result.stdout) process.stdout.write(result.stdout);
  process.exitCode = result.code;
}

main();
