// What a command is given and what it returns; cli.ts runs it, main.ts does the I/O.
import { FUNCTION_NAME } from '../constants.js';
import { formatResult, oneLine, type Result } from '../results.js';

export interface CommandIo {
  readStdin(): string;
  readFile(path: string): string;
  /** True for a directory (lint reads kustomization directories); absent where the caller has no file system. */
  isDirectory?(path: string): boolean;
  /** The output of `kustomize build DIR` by the kustomize on PATH. */
  buildKustomization?(dir: string): string;
}

export interface CommandOutput {
  stdout: string;
  stderr: string;
  code: number;
}

export interface Command {
  name: string;
  /** Lines for --help: the synopsis, then the description, aligned by the caller. */
  usage: string;
  run(args: readonly string[], io: CommandIo): CommandOutput;
}

/** One line on stderr, control characters from the input (a kind, a file name) escaped: never a terminal escape. */
export const stderrLine = (text: string): string => `${FUNCTION_NAME}: ${oneLine(text)}\n`;

/** Each result as its stderr line; `file` names the file the results are about. */
export const stderrOf = (results: readonly Result[], file?: string): string =>
  results.map((r) => stderrLine(file === undefined ? formatResult(r) : `${file}: ${formatResult(r)}`)).join('');

export const usageError = (message: string): CommandOutput => ({
  stdout: '',
  stderr: `${stderrLine(message)}Run ${FUNCTION_NAME} --help for usage.\n`,
  code: 1,
});
