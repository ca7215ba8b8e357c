// graph: the output is read back with mermaid's own parser and every node and edge is checked against the
// rendered objects, computed here from the objects' fields (an oracle independent of src/commands/graph.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { graphOf } from '../../src/commands/graph.js';
import { readObjects } from '../../src/commands/objects.js';
import type { KubeObject } from '../../src/render/index.js';
import { ROOT, runFn } from '../support/run-fn.js';
import { parseFlowchart, type Flowchart } from './mermaid.js';

type Any = Record<string, any>;
const CASES = [
  'examples/k8s/apps/tomoda/overlays/prod/expected-output.yaml',
  'examples/k8s/apps/tomoda/overlays/dev/expected-output.yaml',
  'testdata/prod/input.yaml',
  'testdata/dev/input.yaml',
  'testdata/ws-split/input.yaml',
  'testdata/local-hosts/input.yaml',
  'testdata/egress-locked-down/input.yaml',
  'testdata/keda-queue-depth/input.yaml',
  'testdata/cron-jobs/input.yaml',
  'testdata/migration-hook/input.yaml',
  'testdata/pod-monitoring/input.yaml',
  'fn-config/tomoda-app.yaml',
];

/** Where each kind that runs pods keeps its pod template. */
const TEMPLATE: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};
const templateOf = (o: Any): Any => TEMPLATE[o.kind]!.reduce((v: Any, k) => v[k], o);

const objectsOf = (file: string): KubeObject[] => {
  const { objects, results } = readObjects(readFileSync(join(ROOT, file), 'utf8'), file);
  expect(results.filter((r) => r.severity === 'error')).toEqual([]);
  return objects;
};

const selects = (selector: Record<string, string> = {}, labels: Record<string, string> = {}): boolean =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** The vertex whose label starts with `text` (the first line of a node names its object). */
function vertex(chart: Flowchart, text: string): string {
  const ids = [...chart.vertices].filter(([, label]) => label.split('\n')[0] === text).map(([id]) => id);
  expect(ids, `one vertex "${text}"`).toHaveLength(1);
  return ids[0]!;
}

const edgesBetween = (chart: Flowchart, from: string, to: string) => chart.edges.filter((e) => e.from === from && e.to === to);

describe('graph', () => {
  for (const file of CASES) {
    it(`shows what ${file} renders, as mermaid reads it`, async () => {
      const objects = objectsOf(file) as Any[];
      const chart = await parseFlowchart(graphOf(objects as KubeObject[]));
      const workloads = objects.filter((o) => o.kind in TEMPLATE);
      const deployments = workloads.filter((o) => o.kind === 'Deployment');
      const expectedEdges: Array<[string, string]> = [];

      for (const d of workloads) {
        const id = vertex(chart, `${d.kind} ${d.metadata.name}`);
        const label = chart.vertices.get(id)!;
        const hpa = objects.find((o) => o.kind === 'HorizontalPodAutoscaler' && o.spec.scaleTargetRef.name === d.metadata.name);
        const scaler = objects.find((o) => o.kind === 'ScaledObject' && o.spec.scaleTargetRef.name === d.metadata.name);
        if (d.kind === 'Deployment') {
          expect(label).toContain(
            hpa
              ? `replicas ${hpa.spec.minReplicas}–${hpa.spec.maxReplicas}`
              : scaler
                ? `replicas ${scaler.spec.minReplicaCount}–${scaler.spec.maxReplicaCount}`
                : `replicas ${d.spec.replicas ?? 1}`,
          );
        }
        if (d.kind === 'CronJob') expect(label).toContain(`schedule ${d.spec.schedule}`);
        if (scaler) expect(label).toContain(`KEDA ${scaler.spec.triggers[0].type}`);
        const template = templateOf(d);
        const mode = template.spec.containers[0].env?.find((e: Any) => e.name === 'SERVER_MODE');
        if (mode) expect(label).toContain(`SERVER_MODE=${mode.value}`);
        const pdb = objects.find((o) => o.kind === 'PodDisruptionBudget' && selects(o.spec.selector.matchLabels, template.metadata.labels));
        expect(label.includes('PDB ')).toBe(Boolean(pdb));
        if (pdb)
          expect(label).toContain(
            pdb.spec.minAvailable !== undefined ? `PDB minAvailable ${pdb.spec.minAvailable}` : `PDB maxUnavailable ${pdb.spec.maxUnavailable}`,
          );
        for (const source of template.spec.containers[0].envFrom ?? []) {
          const [kind, name] = source.secretRef ? ['Secret', source.secretRef.name] : ['ConfigMap', source.configMapRef.name];
          expectedEdges.push([id, vertexPrefix(chart, `${kind} ${name}`)]);
        }
      }
      for (const s of objects.filter((o) => o.kind === 'Service')) {
        const id = vertex(chart, `Service ${s.metadata.name} :${s.spec.ports[0].port}`);
        for (const d of deployments.filter((d) => selects(s.spec.selector, d.spec.template.metadata.labels)))
          expectedEdges.push([id, vertex(chart, `Deployment ${d.metadata.name}`)]);
      }
      for (const ingress of objects.filter((o) => o.kind === 'Ingress')) {
        const tls = new Set((ingress.spec.tls ?? []).flatMap((t: Any) => t.hosts));
        for (const rule of ingress.spec.rules) {
          const host = vertex(chart, `${tls.has(rule.host) ? 'https' : 'http'}://${rule.host}`);
          for (const path of rule.http.paths) {
            const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === path.backend.service.name)!;
            expectedEdges.push([host, vertex(chart, `Service ${service.metadata.name} :${service.spec.ports[0].port}`)]);
          }
        }
      }
      for (const es of objects.filter((o) => o.kind === 'ExternalSecret')) {
        expectedEdges.push([
          vertex(chart, `${es.spec.secretStoreRef.kind} ${es.spec.secretStoreRef.name}`),
          vertexPrefix(chart, `Secret ${es.spec.target.name}`),
        ]);
      }
      for (const policy of objects.filter((o) => o.kind === 'NetworkPolicy')) {
        const targets = deployments.filter((d) => selects(policy.spec.podSelector.matchLabels, d.spec.template.metadata.labels));
        expect(targets).toHaveLength(1);
        const target = vertex(chart, `Deployment ${targets[0]!.metadata.name}`);
        for (const [direction, field] of [
          ['ingress', 'from'],
          ['egress', 'to'],
        ] as const) {
          const guarded = (policy.spec.policyTypes ?? ['Ingress']).includes(direction === 'ingress' ? 'Ingress' : 'Egress');
          if (guarded && !policy.spec[direction]) expect(chart.vertices.get(target)).toContain(`NetworkPolicy ${policy.metadata.name}: no ${direction}`);
          for (const rule of policy.spec[direction] ?? []) {
            for (const peer of rule[field]) {
              for (const other of peerVertices(chart, peer, deployments)) {
                const [from, to] = direction === 'ingress' ? [other, target] : [target, other];
                expect(edgesBetween(chart, from, to).map((e) => e.stroke)).toContain('thick');
                expectedEdges.push([from, to]);
              }
            }
          }
        }
      }
      // Every edge mermaid read joins one of these pairs, and every pair is drawn (a pair may carry two rules).
      expect(new Set(chart.edges.map((e) => `${e.from} ${e.to}`))).toEqual(new Set(expectedEdges.map((e) => e.join(' '))));
    });
  }

  it('draws the same picture from a TomodaApp file and from its rendered objects', () => {
    const fromConfig = runFn('', ['graph', 'fn-config/tomoda-app.yaml']);
    const rendered = runFn('', ['render', 'fn-config/tomoda-app.yaml']).stdout;
    const fromObjects = runFn(rendered, ['graph']);
    expect(fromConfig).toMatchObject({ code: 0, stderr: '' });
    expect(fromObjects.stdout).toBe(fromConfig.stdout);
  });

  it('is what the README shows for the prod example', () => {
    const picture = runFn('', ['graph', 'examples/k8s/apps/tomoda/overlays/prod/expected-output.yaml']).stdout;
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`\`\`\`mermaid\n${picture}\`\`\``);
  });

  it('escapes what would end a label, so any name reads back as written', async () => {
    const objects = [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'say "hi" #1 <b>' }, spec: { ports: [{ port: 80 }] } }] as KubeObject[];
    const chart = await parseFlowchart(graphOf(objects));
    expect([...chart.vertices.values()]).toEqual(['Service say "hi" #1 <b> :80']);
  });

  it('refuses what is not a list of objects in one line, and a TomodaApp with errors with its results', () => {
    expect(runFn('just: text\n', ['graph'])).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'tomoda-app-fn: error: stdin: document 1 is not a Kubernetes object (it has no apiVersion, kind and metadata.name)\n',
    });
    const bad = runFn('apiVersion: tomoda.life/v1alpha1\nkind: TomodaApp\nmetadata: {name: x}\nspec: {backend: {}}\n', ['graph']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^tomoda-app-fn: error: spec\.backend\.image: is required$/m);
    expect(runFn('', ['graph', 'a', 'b']).code).toBe(1);
  });
});

/** The vertices a NetworkPolicy peer stands for: a namespace (with its pods), an IP block, or the workloads its pod selector picks. */
function peerVertices(chart: Flowchart, peer: Any, deployments: Any[]): string[] {
  if (peer.ipBlock) return [vertex(chart, `ipBlock ${peer.ipBlock.cidr}`)];
  const pods = peer.podSelector
    ? Object.entries(peer.podSelector.matchLabels as Record<string, string>)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')
    : undefined;
  if (peer.namespaceSelector)
    return [vertex(chart, `namespace ${peer.namespaceSelector.matchLabels['kubernetes.io/metadata.name']}${pods ? ` (pods ${pods})` : ''}`)];
  return deployments
    .filter((d) => selects(peer.podSelector.matchLabels, d.spec.template.metadata.labels))
    .map((d) => vertex(chart, `Deployment ${d.metadata.name}`));
}

/** A data vertex (Secret, ConfigMap) whose first line is `text`, possibly followed by a key count. */
function vertexPrefix(chart: Flowchart, text: string): string {
  const ids = [...chart.vertices].filter(([, label]) => label === text || label.startsWith(`${text} (`)).map(([id]) => id);
  expect(ids, `one vertex "${text}"`).toHaveLength(1);
  return ids[0]!;
}
