// The only impure module: arguments, stdin and files in; stdout, stderr and the exit code out.
// runCli turns whatever goes wrong into lines on stderr and exit 1; here only writing can still fail.
import { closeSync, openSync, readFileSync } from 'node:fs';
import { runCli } from './cli.js';
import { hostIo } from './commands/host.js';
import { FUNCTION_NAME } from './constants.js';
import { InputError } from './io/resource-list.js';
import { writeAll } from './io/write-all.js';
import example from '../fn-config/tomoda-app.yaml?raw';

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

/** `firstArg`: where the function's arguments start in process.argv (1 when started from a snapshot, which has no script path). */
function main(firstArg = 2): void {
  // stderr carries the function's own sentences only; Node's process warnings (the YAML parser emits one for
  // a pass-through item with a collection as a key) would be lines nobody can act on.
  process.removeAllListeners('warning');
  const result = runCli(process.argv.slice(firstArg), {
    readStdin: () => readInput(0, 'stdin'),
    readFile: (path) => readInput(path, path),
    ...hostIo,
  });
  let code = result.code;
  try {
    if (result.stderr) writeAll(2, result.stderr);
    if (result.stdout) writeAll(1, result.stdout);
  } catch (e) {
    code = 1; // the reader went away (EPIPE) or the disk is full: nothing more can be said on stdout
    try {
      writeAll(2, `${FUNCTION_NAME}: error: cannot write the output (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`);
    } catch {
      // stderr is gone too
    }
  }
  process.exitCode = code;
}

// `node --snapshot-blob FILE --build-snapshot dist/tomoda-app-fn.cjs` loads this bundle once, runs the function
// on the built-in example so that V8 has compiled what a run needs, and saves the heap; `node --snapshot-blob
// FILE` then starts from that heap and calls main. Without the flag, this file runs as a plain script.
if (process.execArgv.some((arg) => arg.startsWith('--build-snapshot'))) {
  const { startupSnapshot } = require('node:v8') as typeof import('node:v8');
  warmUp();
  startupSnapshot.setDeserializeMainFunction(() => main(1));
} else {
  main();
}

function warmUp(): void {
  const list = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: warm-up\n  data:\n    a: b\nfunctionConfig:\n${example.replace(/^(?=.)/gm, '  ')}`;
  const result = runCli([], { readStdin: () => list, readFile: () => '' });
  if (result.code !== 0) throw new Error(`the snapshot warm-up run failed: ${result.stderr}`);
  // main's own reading and writing, which runCli does not do: Node's readFileSync, TextDecoder, Buffer and
  // writeSync functions are compiled on first call too, so call them once here (this bundle in, /dev/null out).
  readInput(process.argv[1] ?? '', 'the bundle');
  const devNull = openSync('/dev/null', 'w');
  try {
    writeAll(devNull, result.stdout);
  } finally {
    closeSync(devNull);
  }
}
