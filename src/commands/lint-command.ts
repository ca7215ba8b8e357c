// `lint A B [...]`: each argument a TomodaApp file or a kustomization directory whose build holds one. An
// overlay that runs the function as a generator is read through its generator inputs (its own build needs the
// function), which is where its TomodaApp is.
import { join } from 'node:path';
import { ANNOTATION, FUNCTION_NAME, KIND } from '../constants.js';
import { loadConfig } from '../config/load.js';
import { parseYamlDocuments } from '../io/config-file.js';
import { InputError } from '../io/resource-list.js';
import { formatResult, hasErrors, type Result } from '../results.js';
import { at, isRecord } from '../verify/objects.js';
import { stderrOf, usageError, type Command, type CommandIo, type CommandOutput } from './command.js';
import { lint } from './lint.js';
import { listItems } from './objects.js';
import { LINT_RULES, type LintTarget } from './lint-rules.js';

export const lintCommand: Command = {
  name: 'lint',
  usage: `  ${FUNCTION_NAME} lint A B [...]  compare environments and report what looks like a mistake (a -dev host in
                                 prod, :latest in prod, an env key in one environment only, ...); each argument
                                 a ${KIND} file or a kustomization directory (an overlay or its app/ input);
                                 silence one finding with the ${ANNOTATION.lintIgnore} annotation;
                                 exit 1 on error findings; lint --rules lists the rules
`,
  run(args, io) {
    if (args.length === 1 && args[0] === '--rules') return { stdout: rulesTable(), stderr: '', code: 0 };
    if (args.length === 0) return usageError('lint takes one or more TomodaApp files or kustomization directories, one per environment');
    const targets: LintTarget[] = [];
    const loadResults: Result[] = [];
    for (const source of args) {
      const { app, model, results } = loadConfig(appOf(source, io));
      loadResults.push(...results.map((r) => ({ ...r, file: { path: source } })));
      if (app && model) targets.push({ source, app, model });
    }
    if (hasErrors(loadResults)) return { stdout: '', stderr: stderrWithSource(loadResults), code: 1 };
    return report(targets, loadResults);
  },
};

function report(targets: readonly LintTarget[], loadResults: readonly Result[]): CommandOutput {
  const { findings, silenced, problems } = lint(targets);
  const environment = new Map(targets.map((t) => [t.source, t.model.environment]));
  const lines = findings.map((r) => `${r.file!.path} (${environment.get(r.file!.path)}): ${formatResult(r)} [${r.tags!.code}]\n`);
  const errors = findings.filter((r) => r.severity === 'error').length;
  const summary = `${count(errors, 'error')}, ${count(findings.length - errors, 'warning')} in ${targets.map((t) => t.model.environment).join(', ')}${silenced.length ? `; ${silenced.length} silenced by ${ANNOTATION.lintIgnore}` : ''}\n`;
  return {
    stdout: lines.join('') + summary,
    stderr: stderrWithSource([...loadResults, ...problems]),
    code: errors > 0 || hasErrors(problems) ? 1 : 0,
  };
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

const stderrWithSource = (results: readonly Result[]): string => results.map((r) => stderrOf([r], r.file?.path)).join('');

function rulesTable(): string {
  const rows = Object.entries(LINT_RULES).map(([code, rule]) => `${code.padEnd(28)} ${rule.severity.padEnd(8)} ${rule.rationale}\n`);
  return `${'code'.padEnd(28)} ${'severity'.padEnd(8)} why\n${rows.join('')}`;
}

/** The one TomodaApp an argument holds: a file, a kustomization's generator inputs, or its build. */
function appOf(source: string, io: CommandIo): unknown {
  if (!io.isDirectory?.(source)) return onlyApp(parseYamlDocuments(io.readFile(source), source).flatMap(listItems), source);
  const generated = generatorInputs(source, io).flatMap((input) => parseYamlDocuments(input.text, input.source));
  const apps = generated.filter(isApp);
  if (apps.length) return onlyApp(apps, source);
  if (!io.buildKustomization) throw new InputError(`${source} is a directory, and no kustomize is at hand to build it`);
  return onlyApp(parseYamlDocuments(io.buildKustomization(source), `the build of ${source}`), source);
}

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

function generatorInputs(dir: string, io: CommandIo): Array<{ text: string; source: string }> {
  const file = KUSTOMIZATION_FILES.map((name) => join(dir, name)).find((path) => readable(path, io));
  if (!file) throw new InputError(`${dir} is a directory without a kustomization.yaml`);
  const generators = at(parseYamlDocuments(io.readFile(file), file)[0], ['generators']);
  return (Array.isArray(generators) ? generators : [])
    .filter((entry): entry is string => typeof entry === 'string')
    .map((entry) => join(dir, entry))
    .map((path) =>
      io.isDirectory?.(path) && io.buildKustomization
        ? { text: io.buildKustomization(path), source: `the build of ${path}` }
        : { text: io.readFile(path), source: path },
    );
}

function readable(path: string, io: CommandIo): boolean {
  try {
    io.readFile(path);
    return true;
  } catch {
    return false;
  }
}

const isApp = (value: unknown): boolean => isRecord(value) && value.kind === KIND;

function onlyApp(values: readonly unknown[], source: string): unknown {
  const apps = values.filter(isApp);
  if (apps.length === 1) return apps[0];
  throw new InputError(`${source} holds ${apps.length} ${KIND} objects; lint reads exactly one per argument`);
}
