// The golden cases of the Jobs, egress, monitoring and KEDA objects, built again by the real kustomize
// (kubectl's) running the container function through the docker stand-in: each case's TomodaApp as a
// generator must yield the golden objects, with kustomize's content hash on the ConfigMap and every
// reference to it rewritten, the Job and CronJob pod templates included.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { FUNCTION_IMAGE, kustomizeBuild, kustomizes, parseObjects, ROOT, tempDir, toolEnv, type KubeObject } from './support.js';

const CASES = ['migration-hook', 'cron-jobs', 'egress-locked-down', 'pod-monitoring', 'keda-queue-depth', 'worker-and-jobs'];
const kubectl = kustomizes()[0]!.path;
const { env } = toolEnv();
const work = tempDir('golden-jobs');
const HASHED = /-[a-z0-9]{10}$/;
const NEEDS_HASH = 'kustomize.config.k8s.io/needs-hash';

function goldenObjects(name: string): KubeObject[] {
  const output = parse(readFileSync(join(ROOT, 'testdata', name, 'expected.yaml'), 'utf8')) as { items: KubeObject[] };
  return output.items.filter((item) => item.metadata.labels?.['app.kubernetes.io/managed-by'] === 'tomoda-app-fn');
}

function build(name: string): KubeObject[] {
  const input = parse(readFileSync(join(ROOT, 'testdata', name, 'input.yaml'), 'utf8')) as { functionConfig: any };
  const app = structuredClone(input.functionConfig);
  app.metadata.annotations = { 'config.kubernetes.io/function': `container:\n  image: ${FUNCTION_IMAGE}\n` };
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'app.yaml'), stringify(app));
  writeFileSync(join(dir, 'kustomization.yaml'), 'generators:\n  - app.yaml\n');
  const result = kustomizeBuild(kubectl, dir, env);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return parseObjects(result.stdout);
}

/** The golden objects as kustomize leaves them: the ConfigMap named by its hash, without the annotation asking for it. */
function asKustomizeBuildsThem(objects: KubeObject[], configMapName: string | undefined): unknown[] {
  const text = JSON.stringify(objects);
  const original = configMapName?.replace(HASHED, '');
  const renamed = original ? text.replaceAll(`"name":"${original}"`, `"name":"${configMapName}"`) : text;
  return (JSON.parse(renamed) as KubeObject[]).map(withoutHashAnnotation).sort(byKindAndName);
}

function withoutHashAnnotation(object: KubeObject): KubeObject {
  const annotations = { ...object.metadata.annotations };
  delete annotations[NEEDS_HASH];
  const { annotations: _, ...metadata } = object.metadata;
  return { ...object, metadata: { ...metadata, ...(Object.keys(annotations).length ? { annotations } : {}) } } as KubeObject;
}

const byKindAndName = (a: KubeObject, b: KubeObject): number => `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`);

/** Every configMapRef and secretRef in a pod template, as kind/name. */
function envFromRefs(object: KubeObject): string[] {
  const spec = object.kind === 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.spec?.template?.spec;
  return (spec?.containers ?? []).flatMap((c: any) =>
    (c.envFrom ?? []).map((e: any) => (e.configMapRef ? `ConfigMap/${e.configMapRef.name}` : `Secret/${e.secretRef.name}`)),
  );
}

describe.each(CASES)('testdata/%s through kustomize', (name) => {
  const built = build(name);
  const configMap = built.find((o) => o.kind === 'ConfigMap');

  it('yields the golden objects, the ConfigMap named by its content hash', () => {
    expect(built.length).toBeGreaterThan(0); // kustomize skips a function it cannot run and prints nothing
    expect(configMap?.metadata.name).toMatch(HASHED);
    expect(built.map(withoutHashAnnotation).sort(byKindAndName)).toEqual(asKustomizeBuildsThem(goldenObjects(name), configMap?.metadata.name));
  });

  it('points every pod template, Jobs and CronJobs included, at the hashed ConfigMap', () => {
    const pods = built.filter((o) => ['Deployment', 'Job', 'CronJob'].includes(o.kind) && o.metadata.labels?.['app.kubernetes.io/component'] !== 'frontend');
    expect(pods.length).toBeGreaterThan(0);
    for (const pod of pods) expect(envFromRefs(pod)).toContain(`ConfigMap/${configMap!.metadata.name}`);
  });
});
