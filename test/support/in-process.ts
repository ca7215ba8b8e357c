// The function run in-process, as main.ts runs it (runCli, then a thrown InputError as one error line), for tests
// that must see a change to src/ without a rebuild: the golden cases under mutation testing.
import { runCli } from '../../src/cli.js';
import { FUNCTION_NAME } from '../../src/constants.js';
import { InputError } from '../../src/io/resource-list.js';
import type { FnRun } from './run-fn.js';

export function runFnInProcess(input: string | Buffer, args: string[] = []): FnRun {
  const text = input.toString();
  try {
    return runCli(args, { readStdin: () => text, readFile: () => text });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { stdout: '', stderr: `${FUNCTION_NAME}: error: ${e.message.split('\n')[0]}\n`, code: 1 };
  }
}
