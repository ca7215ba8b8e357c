// import: the round trip on the hand-written tree. Import each environment's kustomize build, render the
// TomodaApp it writes, compare object by object: every difference is in import's report or is one of the
// function's documented defaults below. Foreign input ends in a report, not a crash.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { differences, functionDefaultOf } from '../../src/commands/import-diff.js';
import { readObjects } from '../../src/commands/objects.js';
import { loadConfig } from '../../src/config/load.js';
import { renderAll } from '../../src/render/index.js';
import { ROOT, runFn } from '../support/run-fn.js';

const HANDWRITTEN = join(ROOT, 'bench/handwritten/k8s/apps/tomoda/overlays');

/**
 * The differences the function makes on purpose, by code (src/commands/import-diff.ts says why for each):
 * - own-labels: app.kubernetes.io/{name,component,part-of,managed-by} and app on every object of a workload
 * - pod-security: Pod Security "restricted" security contexts on every pod and container
 * - no-token: automountServiceAccountToken: false
 * - writable-tmp: an emptyDir at /tmp beside the read-only root filesystem
 * - resources: the frontend had no requests or limits; it gets 10m / 64Mi and a 256Mi memory limit
 * - probe-timing: the frontend's probes had no timing; they get the defaults
 * - explicit-pull-policy, explicit-protocol: what Kubernetes would default, written out
 * - pdb-unhealthy-eviction: unready pods do not block a node drain
 * - hpa-owns-replicas: with an HPA the Deployment has no replicas field
 */
const EXPECTED_DEFAULTS = [
  'default-spread',
  'explicit-protocol',
  'explicit-pull-policy',
  'hpa-owns-replicas',
  'no-token',
  'own-labels',
  'pod-security',
  'probe-timing',
  'resources',
  'writable-tmp',
];

function build(env: string): string {
  const run = spawnSync('kubectl', ['kustomize', join(HANDWRITTEN, env)], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

describe('import round trip on the hand-written tree', () => {
  for (const env of ['dev', 'prod']) {
    it(`imports ${env}; every difference of the render is reported or a documented default`, () => {
      const input = build(env);
      const run = runFn(input, ['import']);
      expect(run.code, run.stderr).toBe(0);
      const loaded = loadConfig(parseDocument(run.stdout).toJS());
      expect(loaded.results).toEqual([]);
      const rendered = renderAll(loaded.model!, { hashSuffix: false });
      const objects = readObjects(input, env).objects;
      expect(rendered.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort());

      const scaled = new Set(rendered.filter((o) => o.kind === 'HorizontalPodAutoscaler').map((o) => `Deployment/${(o.spec as any).scaleTargetRef.name}`));
      const defaults = new Set<string>();
      const unexplained = differences(objects, rendered).filter((d) => {
        const known = functionDefaultOf(d, (object) => scaled.has(object));
        if (known) defaults.add(known.code);
        return !known && !run.stderr.includes(`(${d.object}): ${d.path}: `);
      });
      expect(unexplained).toEqual([]);
      expect([...defaults].sort()).toEqual(env === 'prod' ? [...EXPECTED_DEFAULTS, 'pdb-unhealthy-eviction'].sort() : EXPECTED_DEFAULTS);
      // What the report holds for these trees: the env label the hand-written selectors carry, and nothing else.
      expect(
        run.stderr
          .split('\n')
          .filter(Boolean)
          .every((line) => /^tomoda-app-fn: warning \(\w+\/[\w-]+\): spec\.(pod)?[sS]elector(\.matchLabels\[env\]|\.env): /.test(line)),
      ).toBe(true);
    });
  }

  it('imports dev and prod into TomodaApps with the same ids, so lint compares them', () => {
    const ids = ['dev', 'prod'].map((env) => {
      const app = parseDocument(runFn(build(env), ['import']).stdout).toJS();
      return [
        Object.keys(app.spec.secrets).sort(),
        Object.keys(app.spec.backend.pools).sort(),
        Object.keys(app.spec.ingress.routes)
          .filter((r) => r !== 'www')
          .sort(),
      ];
    });
    expect(ids[0]).toEqual(ids[1]);
  });
});

describe('import, then lint', () => {
  it("finds the hand-written prod frontend's dev API URL in the imported TomodaApps", () => {
    const [dev, prod] = ['dev', 'prod'].map((env) => runFn(build(env), ['import']).stdout);
    const files: Record<string, string> = { 'dev.yaml': dev!, 'prod.yaml': prod! };
    const run = runCli(['lint', 'dev.yaml', 'prod.yaml'], { readStdin: () => '', readFile: (path) => files[path]!, isDirectory: () => false });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^prod\.yaml \(prod\): error: spec\.frontend\.env\.EXPO_PUBLIC_API_URL: .*\[other-environment\]$/m);
  });
});

describe('import of foreign input', () => {
  const pool = (name: string, image: string, mode: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec:\n      containers:\n      - name: ${name}\n        image: ${image}\n        env: [{name: SERVER_MODE, value: ${mode}}]\n`;

  it('reports a StatefulSet, a CRD and a pool on a second image, and still writes the TomodaApp for the rest', () => {
    const input = [
      pool('api', 'registry.example.com/team/backend:1.0', 'multi-hub'),
      pool('worker', 'registry.example.com/team/other:2.0', 'async'),
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec: {}\n',
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: foos.example.com}\n',
    ].join('---\n');
    const run = runFn(input, ['import']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('(Deployment/worker): spec.template.spec.containers[0].image: runs registry.example.com/team/other');
    expect(run.stderr).toContain('(StatefulSet/db): not imported');
    expect(run.stderr).toContain('(CustomResourceDefinition/foos.example.com): not imported');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(Object.keys(parseDocument(run.stdout).toJS().spec.backend.pools)).toEqual(['api']);
  });

  it('says so in one line when nothing is a backend pool, and exits 1', () => {
    const run = runFn('apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec: {}\n', ['import']);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toMatch(/^tomoda-app-fn: error: stdin holds no Deployment with a SERVER_MODE env var; there is no TomodaApp to write$/m);
  });
});
