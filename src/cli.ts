// Argument handling. runCli is pure apart from the reader functions it is given; main.ts does the I/O.
import example from '../fn-config/tomoda-app.yaml?raw';
import { API_VERSION, FUNCTION_NAME, KIND } from './constants.js';
import { loadConfig } from './config/load.js';
import { nearest } from './config/suggest.js';
import { parseResourceList, serializeResourceList, stringifyValue } from './io/resource-list.js';
import { parseConfigFile } from './io/config-file.js';
import { isLegacyPluginCall } from './legacy-plugin.js';
import { processResourceList } from './process.js';
import { jsonSchema } from './schema-export.js';
import { renderAll, type RenderOptions } from './render/index.js';
import { formatResult, type Result } from './results.js';
import { verifyContextOf } from './verify/context.js';
import { asDefect, verifyRendered } from './verify/index.js';

declare const __VERSION__: string;

export interface CliIo {
  readStdin(): string;
  readFile(path: string): string;
}

export interface CliOutput {
  stdout: string;
  stderr: string;
  code: number;
}

const COMMANDS = ['render', 'schema', '--help', '--version'];

export const USAGE = `${FUNCTION_NAME}: expands one ${KIND} (${API_VERSION}) into the Tomoda Kubernetes objects.

Usage:
  ${FUNCTION_NAME}                 KRM function: ResourceList on stdin, ResourceList on stdout
                                 (what kustomize, kpt and Argo CD run)
  ${FUNCTION_NAME} render [FILE]   print the objects for a ${KIND} file as YAML documents;
                                 FILE "-" reads stdin; no FILE renders the built-in example
  ${FUNCTION_NAME} schema          print the JSON Schema of ${KIND}
  ${FUNCTION_NAME} --version       print the version
  ${FUNCTION_NAME} --help          print this help

Errors go to stderr, one sentence each, and the exit code is 1.
`;

export function runCli(args: readonly string[], io: CliIo): CliOutput {
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
      const file = rest[0];
      return render(file === undefined ? example : file === '-' ? io.readStdin() : io.readFile(file), file ?? '(built-in example)', { hashSuffix: false });
    }
    default: {
      if (isLegacyPluginCall(command)) return render(io.readFile(command), command, { hashSuffix: true });
      const guess = nearest(command, COMMANDS);
      return usageError(`unknown command "${command}"${guess ? `; did you mean "${guess}"?` : ''}`);
    }
  }
}

function runFunction(input: string): CliOutput {
  const { output, ok } = processResourceList(parseResourceList(input));
  return { stdout: serializeResourceList(output), stderr: stderrOf(output.results), code: ok ? 0 : 1 };
}

/** The objects for one TomodaApp as YAML documents: `render FILE`, and kustomize's legacy exec plugin (with the hash annotation). */
function render(text: string, source: string, options: RenderOptions): CliOutput {
  const config = parseConfigFile(text, source);
  const { app, model, results } = loadConfig(config);
  if (!app || !model) return { stdout: '', stderr: stderrOf(results), code: 1 };
  const objects = renderAll(model, options);
  const defects = verifyRendered(objects, verifyContextOf(model)).map(asDefect);
  if (defects.length) return { stdout: '', stderr: stderrOf([...results, ...defects]), code: 1 };
  return { stdout: objects.map((o) => `---\n${stringifyValue(o)}\n`).join(''), stderr: stderrOf(results), code: 0 };
}

const stderrOf = (results: readonly Result[]): string => results.map((r) => `${FUNCTION_NAME}: ${formatResult(r)}\n`).join('');

const usageError = (message: string): CliOutput => ({ stdout: '', stderr: `${FUNCTION_NAME}: ${message}\nRun ${FUNCTION_NAME} --help for usage.\n`, code: 1 });

