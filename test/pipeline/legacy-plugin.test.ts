// Legacy exec-plugin mode: with the legacy-plugin component (no function annotation) every kustomize
// here builds both overlays with only --enable-alpha-plugins and no Docker, through
// $KUSTOMIZE_PLUGIN_HOME/tomoda.life/v1alpha1/tomodaapp/TomodaApp, to the same bytes as the container path.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { BUNDLE, copyDir, EXAMPLES, kustomizes, ROOT, run, tempDir, TOMODA_EXAMPLE } from './support.js';

const KUSTOMIZES = kustomizes();
const work = tempDir('legacy');
const pluginHome = join(work, 'plugins');
mkdirSync(join(pluginHome, 'tomoda.life', 'v1alpha1', 'tomodaapp'), { recursive: true });
symlinkSync(BUNDLE, join(pluginHome, 'tomoda.life', 'v1alpha1', 'tomodaapp', 'TomodaApp'));
// A docker that fails the build if kustomize ever calls it.
const bin = join(work, 'bin');
mkdirSync(bin);
writeFileSync(join(bin, 'docker'), '#!/bin/sh\necho "docker must not be called in legacy plugin mode" >&2\nexit 99\n', { mode: 0o755 });
const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, KUSTOMIZE_PLUGIN_HOME: pluginHome };

const repo = copyDir(join(EXAMPLES), join(work, 'examples'));
for (const name of ['dev', 'prod']) {
  const app = join(repo, 'k8s', 'apps', 'tomoda', 'overlays', name, 'app');
  const kustomization = join(app, 'kustomization.yaml');
  writeFileSync(kustomization, `${readFileSync(kustomization, 'utf8')}components:\n  - ${relative(app, join(repo, 'components', 'legacy-plugin'))}\n`);
}

describe('legacy exec plugin', () => {
  describe.each(['dev', 'prod'])('overlays/%s', (name) => {
    const expected = readFileSync(join(TOMODA_EXAMPLE, 'overlays', name, 'expected-output.yaml'), 'utf8');
    it.each(KUSTOMIZES)('$name (kustomize $version) builds the same output without Docker', ({ path }) => {
      const result = run(path, ['kustomize', '--enable-alpha-plugins', join(repo, 'k8s', 'apps', 'tomoda', 'overlays', name)], { env });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(expected);
    });
  });

  it('fails the build with the function error on a bad config', () => {
    const patch = join(repo, 'k8s', 'apps', 'tomoda', 'overlays', 'dev', 'app', 'tomoda-app-patch.yaml');
    const good = readFileSync(patch, 'utf8');
    writeFileSync(patch, good.replace('sslMode: disable', 'sslMode: sometimes'));
    try {
      const result = run(KUSTOMIZES[0]!.path, ['kustomize', '--enable-alpha-plugins', join(repo, 'k8s', 'apps', 'tomoda', 'overlays', 'dev')], { env });
      expect(result.code).not.toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/tomoda-app-fn: error.*sslMode/);
    } finally {
      writeFileSync(patch, good);
    }
  });

  it('is chosen for a path argument; a bare word is still an unknown command', () => {
    const io = { readStdin: () => '', readFile: (path: string) => readFileSync(join(ROOT, path), 'utf8') };
    const out = runCli(['./fn-config/tomoda-app.yaml'], io);
    expect(out.code).toBe(0);
    expect(out.stdout.startsWith('---\napiVersion: v1\nkind: ConfigMap\n')).toBe(true);
    expect(out.stdout).toContain('kustomize.config.k8s.io/needs-hash: "true"');
    expect(out.stdout).not.toContain('kind: TomodaApp');
    expect(runCli(['rendr'], io)).toMatchObject({ code: 1, stderr: expect.stringMatching(/unknown command "rendr"; did you mean "render"\?/) });
  });
});
