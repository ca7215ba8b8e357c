// Every object the function generates for the golden cases' inputs (rendered now, in-process, not read from the
// committed expected files) and in the committed examples (both kustomize overlays, the kpt package) is valid for
// the API server: its OpenAPI or CRD schema, no unknown fields, and the rules those schemas miss (names, labels,
// selectors, Pod Security "restricted" without waivers but those the config states, references).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { KubeObject } from '../../src/render/index.js';
import { verifyContextOf } from '../../src/verify/context.js';
import { STRICT, verifyRendered, type VerifyContext } from '../../src/verify/index.js';
import { runFnInProcess } from '../support/in-process.js';
import { ROOT } from '../support/run-fn.js';
import { KubernetesSchemas, WITHOUT_SCHEMA } from './kubernetes-schemas.js';

interface RenderedSet {
  name: string;
  objects: KubeObject[];
  context: VerifyContext;
  /** Warnings the run printed for Pod Security rules a patch waives (the escape hatch): the only findings allowed. */
  patchWaivers?: string[];
}

const MANAGED_BY = 'app.kubernetes.io/managed-by';
const isGenerated = (item: any): boolean => item?.metadata?.labels?.[MANAGED_BY] === 'tomoda-app-fn';

function goldenSets(): RenderedSet[] {
  const testdata = join(ROOT, 'testdata');
  return readdirSync(testdata)
    .filter((name) => existsSync(join(testdata, name, 'input.yaml')))
    .sort()
    .flatMap((name) => {
      const text = readFileSync(join(testdata, name, 'input.yaml'), 'utf8');
      const run = runFnInProcess(text);
      const output = (run.code === 0 ? parse(run.stdout) : null) as { items?: unknown[] } | null;
      const labelled = (output?.items ?? []).filter(isGenerated);
      if (!labelled.length) return []; // an error case: nothing generated, which golden.test.ts asserts
      const input = parse(text) as { items?: unknown[]; functionConfig?: unknown };
      // What this run wrote: labelled as generated, and not an item passed through as it came in (another app's).
      const passedThrough = new Set((input.items ?? []).map((item) => JSON.stringify(item)));
      const objects = labelled.filter((item) => !passedThrough.has(JSON.stringify(item))) as KubeObject[];
      const config = input.functionConfig;
      const { model } = loadConfig(config);
      if (!model) throw new Error(`testdata/${name}: generated objects from a config that does not load`);
      // Pod Security waived only where the config says so (which only the case that pins every field does), or by a
      // patch the run warned about (the escape hatch).
      const stderr = existsSync(join(testdata, name, 'expected.stderr')) ? readFileSync(join(testdata, name, 'expected.stderr'), 'utf8') : '';
      const patchWaivers = stderr.split('\n').filter((line) => line.includes('waives Pod Security'));
      return [{ name: `testdata/${name}`, objects, context: verifyContextOf(model), patchWaivers }];
    });
}

const OVERLAYS = join(ROOT, 'examples', 'k8s', 'apps', 'tomoda', 'overlays');
const KPT_PACKAGE = join(ROOT, 'examples', 'kpt', 'tomoda', 'app');

/** The kustomize overlays' expected output (every object in it), and the files kpt wrote for the package. */
function exampleSets(): RenderedSet[] {
  const overlays = existsSync(OVERLAYS)
    ? readdirSync(OVERLAYS)
        .filter((name) => existsSync(join(OVERLAYS, name, 'expected-output.yaml')))
        .sort()
        .map((name) => ({
          name: `examples overlay ${name}`,
          objects: parseAllDocuments(readFileSync(join(OVERLAYS, name, 'expected-output.yaml'), 'utf8')).map((doc) => doc.toJS() as KubeObject),
          context: STRICT,
        }))
    : [];
  const kpt = existsSync(KPT_PACKAGE)
    ? [
        {
          name: 'examples kpt package',
          objects: readdirSync(KPT_PACKAGE)
            .filter((file) => /^[a-z]+_.+\.yaml$/.test(file))
            .sort()
            .map((file) => parse(readFileSync(join(KPT_PACKAGE, file), 'utf8')) as KubeObject),
          context: STRICT,
        },
      ]
    : [];
  return [...overlays, ...kpt];
}

const golden = goldenSets();
const examples = exampleSets();
const sets = [...golden, ...examples];
let schemas: KubernetesSchemas;

beforeAll(async () => {
  schemas = await KubernetesSchemas.load([...sets.flatMap((s) => s.objects), { apiVersion: 'apps/v1', kind: 'Deployment' }]);
});

describe('generated objects are valid Kubernetes objects', () => {
  it('finds the golden cases and the example overlays', () => {
    expect(golden.length).toBeGreaterThanOrEqual(6);
    if (existsSync(join(ROOT, 'examples')))
      expect(examples.filter((s) => s.name.startsWith('examples overlay')).map((s) => s.name)).toEqual(['examples overlay dev', 'examples overlay prod']);
    expect(sets.reduce((n, s) => n + s.objects.length, 0)).toBeGreaterThan(100);
  });

  it('waives Pod Security rules in no golden case but the one that sets every field', () => {
    expect(golden.filter((s) => [...s.context.waivers.values()].some((rules) => rules.size > 0)).map((s) => s.name)).toEqual(['testdata/every-field']);
  });

  for (const set of sets) {
    describe(set.name, () => {
      it('matches the OpenAPI and CRD schemas, with no unknown fields', () => {
        const problems = set.objects.flatMap((object) => schemas.check(object).map((p) => `${object.kind}/${object.metadata?.name}: ${p}`));
        expect(problems).toEqual([]);
      });

      it('passes the name, label, selector, Pod Security and reference checks', () => {
        const findings = verifyRendered(set.objects, set.context);
        const waived = (r: (typeof findings)[number]): boolean =>
          (set.patchWaivers ?? []).some((line) => line.includes(`warning (${r.resourceRef?.kind}/${r.resourceRef?.name})`) && line.includes(r.message));
        expect(findings.filter((r) => !waived(r)).map((r) => `${r.resourceRef?.kind}/${r.resourceRef?.name}: ${r.message}`)).toEqual([]);
        expect(findings.filter(waived).length).toBe(set.patchWaivers?.length ?? 0);
      });
    });
  }

  it('validates every generated kind against a schema, except the kinds no npm package carries (pinned)', () => {
    const kinds = new Set(sets.flatMap((s) => s.objects.map((o) => `${o.apiVersion}/${o.kind}`)));
    expect([...kinds].filter((kind) => WITHOUT_SCHEMA.has(kind))).toEqual(['monitoring.googleapis.com/v1/PodMonitoring']);
    for (const kind of [
      'batch/v1/Job',
      'batch/v1/CronJob',
      'keda.sh/v1alpha1/ScaledObject',
      'keda.sh/v1alpha1/TriggerAuthentication',
      'monitoring.coreos.com/v1/PodMonitor',
    ]) {
      expect(kinds.has(kind)).toBe(true);
    }
  });

  it('the schema check itself fails on a wrong type, a missing required field and an unknown field', () => {
    const seed = golden.find((s) => s.name === 'testdata/prod')!;
    const deployment = structuredClone(seed.objects.find((o) => o.kind === 'Deployment')!) as any;
    deployment.spec.template.spec.containers[0].ports[0].containerPort = '8080';
    deployment.spec.template.spec.containers[0].readinessProbe.httpGet.hots = 'x';
    deployment.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailble: 0 } };
    expect(schemas.check(deployment)).toEqual([
      '/spec/template/spec/containers/0/ports/0/containerPort must be integer',
      '/spec/template/spec/containers/0/readinessProbe/httpGet/hots is not a field of IHTTPGetAction',
      '/spec/strategy/rollingUpdate/maxUnavailble is not a field of IRollingUpdateDeployment',
    ]);
    const externalSecret = structuredClone(seed.objects.find((o) => o.kind === 'ExternalSecret')!) as any;
    delete externalSecret.spec.secretStoreRef.name;
    externalSecret.spec.target.creationPolicy = 'Owned';
    expect(schemas.check(externalSecret).length).toBeGreaterThan(0);
    expect(schemas.check({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toEqual(['no schema for example.com/v1/Widget']);
    const scaledObject = structuredClone(golden.flatMap((s) => s.objects).find((o) => o.kind === 'ScaledObject')!) as any;
    scaledObject.spec.minReplicaCount = '1';
    scaledObject.spec.triggers[0].authRef = { name: 'x' };
    expect(schemas.check(scaledObject)).toEqual(['/spec/minReplicaCount must be integer', '/spec/triggers/0/authRef is not a field of IScaleTriggers']);
  });
});
