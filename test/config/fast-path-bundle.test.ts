// The bundle loads zod and the schema only to word what is wrong with a config (scripts/build.mjs, LAZY_MODULES):
// a run on a valid config evaluates neither. Each lazy stand-in records its name when it loads the real module,
// in a list that a preloaded script puts on globalThis and prints at exit, with zod's own global (its core
// module creates globalThis.__zod_globalConfig when it is evaluated, whoever imports it).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE, ROOT, runNode } from '../support/run-fn.js';

const PRELOAD = join(mkdtempSync(join(tmpdir(), 'fast-path-')), 'loaded.cjs');
writeFileSync(
  PRELOAD,
  `const loaded = (globalThis[Symbol.for('tomoda-app-fn.loaded')] = []);
process.on('exit', () => require('node:fs').writeSync(2, 'loaded: ' + JSON.stringify({ loaded, zod: globalThis.__zod_globalConfig ?? null }) + '\\n'));
`,
);

/** A run of the bundle, the lazy modules it loaded and zod's global configuration, if zod was evaluated. */
function run(args: string[], input: string) {
  const result = runNode(['--require', PRELOAD, BUNDLE, ...args], input);
  const line = /^loaded: (.*)$/m.exec(result.stderr);
  if (!line) throw new Error(`the bundle did not report what it loaded: ${result.stderr}`);
  return { ...result, ...(JSON.parse(line[1]!) as { loaded: string[]; zod: Record<string, unknown> | null }) };
}

const input = (name: string) => readFileSync(join(ROOT, 'testdata', name, 'input.yaml'), 'utf8');

describe('the bundle', () => {
  it('renders the prod ResourceList without evaluating zod, the schema or yaml', () => {
    const prod = run([], input('prod'));
    expect(prod.code).toBe(0);
    expect(prod.stdout).toBe(readFileSync(join(ROOT, 'testdata', 'prod', 'expected.yaml'), 'utf8'));
    expect(prod.loaded).toEqual([]);
    expect(prod.zod).toBeNull();
  });

  it('loads the schema (and so zod) to word the errors of a config the fast path refused', () => {
    const bad = run([], input('error-bad-value'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('spec.backend.pools.web.replicas: must be a number');
    expect(bad.loaded).toEqual(['schema']);
    expect(bad.zod).toMatchObject({ jitless: true });
  });

  it('loads zod for the schema command', () => {
    const schema = run(['schema'], '');
    expect(schema.code).toBe(0);
    expect(schema.loaded).toContain('schema-export');
    expect(schema.zod).toMatchObject({ jitless: true });
  });
});
