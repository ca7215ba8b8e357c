// lint: run the rules over the environments, then take out what each TomodaApp silences on purpose with the
// tomoda.life/lint-ignore annotation. One entry per line: `CODE [PATH]: REASON`. PATH is a field path as lint
// prints it and also silences what lies below it; without PATH the entry silences the code in that file.
// The reason is required, so that the next reader knows why. The annotation is never rendered.
import { ANNOTATION } from '../constants.js';
import { nearest } from '../config/suggest.js';
import { result, type Result } from '../results.js';
import { LINT_RULES, lintTargets, type LintTarget } from './lint-rules.js';

export interface LintOutcome {
  /** What remains after silencing, in rule order. */
  findings: Result[];
  silenced: Result[];
  /** Problems with the annotation itself: malformed entries are errors, entries that silence nothing warnings. */
  problems: Result[];
}

interface IgnoreEntry {
  line: number;
  code: string;
  path?: string;
  used: boolean;
}

const IGNORE_LINE = /^([a-z0-9-]+)(?:\s+(\S+))?\s*:\s*(\S.*)$/;

export function lint(targets: readonly LintTarget[]): LintOutcome {
  const all = lintTargets(targets);
  const problems: Result[] = [];
  const entries = new Map(targets.map((target) => [target.source, ignoreEntries(target, problems)]));
  const findings: Result[] = [];
  const silenced: Result[] = [];
  for (const found of all) {
    const entry = entries.get(found.file?.path ?? '')?.find((e) => e.code === found.tags?.code && covers(e.path, found.field?.path ?? ''));
    if (entry) entry.used = true;
    (entry ? silenced : findings).push(found);
  }
  for (const target of targets) {
    for (const entry of entries.get(target.source) ?? []) {
      if (!entry.used)
        problems.push(annotationProblem(target, 'warning', entry.line, `"${entry.code}${entry.path ? ` ${entry.path}` : ''}" silences nothing; remove it`));
    }
  }
  return { findings, silenced, problems };
}

/** A path silences itself and the fields below it: spec.frontend covers spec.frontend.env.X and spec.frontend[0]. */
const covers = (prefix: string | undefined, path: string): boolean =>
  prefix === undefined || path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);

function ignoreEntries(target: LintTarget, problems: Result[]): IgnoreEntry[] {
  const text = target.app.metadata.annotations?.[ANNOTATION.lintIgnore];
  if (text === undefined) return [];
  const codes = Object.keys(LINT_RULES);
  return text.split('\n').flatMap((raw, i): IgnoreEntry[] => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return [];
    const match = IGNORE_LINE.exec(line);
    if (!match) {
      problems.push(
        annotationProblem(
          target,
          'error',
          i + 1,
          `"${line}" is not an entry; write CODE [PATH]: REASON, e.g. "latest-in-prod spec.frontend.image.tag: rebuilt on every release"`,
        ),
      );
      return [];
    }
    const [, code, path] = match as unknown as [string, string, string | undefined];
    if (!codes.includes(code)) {
      const guess = nearest(code, codes);
      problems.push(
        annotationProblem(target, 'error', i + 1, `unknown rule "${code}"; ${guess ? `did you mean "${guess}"?` : `known rules: ${codes.join(', ')}`}`),
      );
      return [];
    }
    return [{ line: i + 1, code, ...(path ? { path } : {}), used: false }];
  });
}

function annotationProblem(target: LintTarget, severity: 'error' | 'warning', line: number, message: string): Result {
  const code = severity === 'error' ? 'invalid-lint-ignore' : 'unused-lint-ignore';
  return { ...result(severity, code, ['metadata', 'annotations', ANNOTATION.lintIgnore], `line ${line}: ${message}`), file: { path: target.source } };
}
