// A result names its field once wherever it is read: kpt prints `field.path` before the message, and the
// stderr line (all that kustomize shows) puts the path there itself.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { error, formatResult } from '../../src/results.js';
import { BUNDLE } from '../support/run-fn.js';

describe('results', () => {
  it('keep the path out of the message and put it once on the stderr line', () => {
    const result = error('unknown-field', ['spec', 'backend', 'pools', 'api', 'replica'], 'unknown field "replica"');
    expect(result.message).toBe('unknown field "replica"');
    expect(result.field).toEqual({ path: 'spec.backend.pools.api.replica' });
    expect(formatResult(result)).toBe('error: spec.backend.pools.api.replica: unknown field "replica"');
  });

  it('show the field path once under kpt', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tomoda-results-'));
    try {
      const config = join(dir, 'app.yaml');
      writeFileSync(
        config,
        'apiVersion: tomoda.life/v1alpha1\nkind: TomodaApp\nmetadata:\n  name: hello\nspec:\n  backend:\n    image: {name: backend, tag: "1.0"}\n    pools:\n      api: {mode: async, replica: 2}\n',
      );
      const run = spawnSync('kpt', ['fn', 'eval', '--exec', BUNDLE, '--fn-config', config, dir], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: dir },
      });
      expect(run.error).toBeUndefined();
      const output = `${run.stdout}${run.stderr}`;
      const line = output.split('\n').find((l) => l.includes('[error]'));
      expect(line).toContain('spec.backend.pools.api.replica: unknown field "replica"');
      expect(line!.split('spec.backend.pools.api.replica').length - 1).toBe(1);
      expect(output).toContain('tomoda-app-fn: error (TomodaApp/hello): spec.backend.pools.api.replica: unknown field');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
