// Argument handling. runCli is pure apart from the reader functions it is given; main.ts does the I/O. Every
// failure, thrown or returned, ends here as lines on stderr and exit code 1.
import example from '../fn-config/tomoda-app.yaml?raw';
import { API_VERSION, FUNCTION_NAME, KIND } from './constants.js';
import { nearest } from './config/suggest.js';
import { generate } from './generate.js';
import { parseConfigFile } from './io/config-file.js';
import { InputError, parseResourceList, serializeResourceList, stringifyValue } from './io/resource-list.js';
import { processResourceList } from './process.js';
import type { RenderOptions } from './render/index.js';
import { isLegacyPluginCall } from './runners/kustomize.js';
import { jsonSchema } from './schema-export.js';
import { COMMANDS, commandNamed } from './commands/index.js';
import { stderrLine, stderrOf, usageError, type CommandIo } from './commands/command.js';

declare const __VERSION__: string;

export type CliIo = CommandIo;

export interface CliOutput {
  stdout: string;
  stderr: string;
  code: number;
}

const COMMAND_NAMES = ['render', 'schema', ...COMMANDS.map((c) => c.name), '--help', '--version'];

export const USAGE = `${FUNCTION_NAME}: expands one ${KIND} (${API_VERSION}) into the Tomoda Kubernetes objects.

Usage:
  ${FUNCTION_NAME}                 KRM function: ResourceList on stdin, ResourceList on stdout
                                 (what kustomize, kpt and Argo CD run)
  ${FUNCTION_NAME} render [FILE]   print the objects for a ${KIND} file as YAML documents;
                                 FILE "-" reads stdin; no FILE renders the built-in example
  ${FUNCTION_NAME} schema          print the JSON Schema of ${KIND}
${COMMANDS.map((c) => c.usage).join('')}  ${FUNCTION_NAME} --version       print the version
  ${FUNCTION_NAME} --help          print this help

Errors go to stderr, one sentence each, and the exit code is 1.
`;

export function runCli(args: readonly string[], io: CliIo): CliOutput {
  try {
    return dispatch(args, io);
  } catch (e) {
    // A malformed input (InputError) is the user's to fix; anything else is a bug here. Either way: one line, no stack.
    const message = e instanceof InputError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}; please report it`;
    return { stdout: '', stderr: stderrLine(`error: ${message}`), code: 1 };
  }
}

function dispatch(args: readonly string[], io: CliIo): CliOutput {
  const [command, ...rest] = args;
  switch (command) {
    case undefined:
      return runFunction(io.readStdin());
    case '--help':
    case '-h':
    case 'help':
      return { stdout: USAGE, stderr: '', code: 0 };
    case '--version':
    case '-v':
    case 'version':
      return { stdout: `${__VERSION__}\n`, stderr: '', code: 0 };
    case 'schema':
      return { stdout: `${JSON.stringify(jsonSchema(), null, 2)}\n`, stderr: '', code: 0 };
    case 'render': {
      if (rest.length > 1) return usageError(`render takes one file, not ${rest.length}`);
      const [file] = rest;
      if (file === undefined) return render(example, 'the built-in example', { hashSuffix: false });
      if (file === '-') return render(io.readStdin(), 'stdin', { hashSuffix: false });
      return render(io.readFile(file), file, { hashSuffix: false }, file);
    }
    default: {
      const named = commandNamed(command);
      if (named) return named.run(rest, io);
      if (isLegacyPluginCall(command)) return render(io.readFile(command), command, { hashSuffix: true });
      const guess = nearest(command, COMMAND_NAMES);
      return usageError(`unknown command "${command}"${guess ? `; did you mean "${guess}"?` : ''}`);
    }
  }
}

function runFunction(input: string): CliOutput {
  const { output, ok } = processResourceList(parseResourceList(input));
  return { stdout: serializeResourceList(output), stderr: stderrOf(output.results), code: ok ? 0 : 1 };
}

/**
 * The objects for one TomodaApp as YAML documents: `render FILE`, and kustomize's legacy exec plugin (with the hash
 * annotation). `named`: the file each message names (not for the plugin, whose file is kustomize's temp file).
 */
function render(text: string, source: string, options: RenderOptions, named?: string): CliOutput {
  const { objects, results } = generate(parseConfigFile(text, source), options);
  const stderr = stderrOf(results, named);
  if (!objects) return { stdout: '', stderr, code: 1 };
  return { stdout: objects.map((o) => `---\n${stringifyValue(o)}\n`).join(''), stderr, code: 0 };
}
