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
const CASES = ['examples/k8s/apps/tomoda/overlays/prod/expected-output.yaml', 'examples/k8s/apps/tomoda/overlays/dev/expected-output.yaml', 'testdata/prod/input.yaml', 'testdata/dev/input.yaml', 'testdata/ws-split/input.yaml', 'testdata/local-hosts/input.yaml', 'fn-config/tomoda-app.yaml'];

const objectsOf = (file: string): KubeObject[] => {
  const { objects, results } = readObjects(readFileSync(join(ROOT, file), 'utf8'), file);
  expect(results.filter((r) => r.severity === 'error')).toEqual([]);
  return objects;
};

const selects = (selector: Record<string, string> = {}, labels: Record<string, string> = {}): boolean => Object.entries(selector).every(([k, v]) => labels[k] === v);

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
      const deployments = objects.filter((o) => o.kind === 'Deployment');
      const expectedEdges: Array<[string, string]> = [];

      for (const d of deployments) {
        const id = vertex(chart, `Deployment ${d.metadata.name}`);
        const label = chart.vertices.get(id)!;
        const hpa = objects.find((o) => o.kind === 'HorizontalPodAutoscaler' && o.spec.scaleTargetRef.name === d.metadata.name);
        expect(label).toContain(hpa ? `replicas ${hpa.spec.minReplicas}–${hpa.spec.maxReplicas}` : `replicas ${d.spec.replicas ?? 1}`);
        const mode = d.spec.template.spec.containers[0].env?.find((e: Any) => e.name === 'SERVER_MODE');
        if (mode) expect(label).toContain(`SERVER_MODE=${mode.value}`);
        const pdb = objects.find((o) => o.kind === 'PodDisruptionBudget' && selects(o.spec.selector.matchLabels, d.spec.template.metadata.labels));
        expect(label.includes('PDB ')).toBe(Boolean(pdb));
        if (pdb) expect(label).toContain(pdb.spec.minAvailable !== undefined ? `PDB minAvailable ${pdb.spec.minAvailable}` : `PDB maxUnavailable ${pdb.spec.maxUnavailable}`);
        for (const source of d.spec.template.spec.containers[0].envFrom ?? []) {
          const [kind, name] = source.secretRef ? ['Secret', source.secretRef.name] : ['ConfigMap', source.configMapRef.name];
          expectedEdges.push([id, vertexPrefix(chart, `${kind} ${name}`)]);
        }
      }
      for (const s of objects.filter((o) => o.kind === 'Service')) {
        const id = vertex(chart, `Service ${s.metadata.name} :${s.spec.ports[0].port}`);
        for (const d of deployments.filter((d) => selects(s.spec.selector, d.spec.template.metadata.labels))) expectedEdges.push([id, vertex(chart, `Deployment ${d.metadata.name}`)]);
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
        expectedEdges.push([vertex(chart, `${es.spec.secretStoreRef.kind} ${es.spec.secretStoreRef.name}`), vertexPrefix(chart, `Secret ${es.spec.target.name}`)]);
      }
      for (const policy of objects.filter((o) => o.kind === 'NetworkPolicy')) {
        const targets = deployments.filter((d) => selects(policy.spec.podSelector.matchLabels, d.spec.template.metadata.labels));
        expect(targets).toHaveLength(1);
        const target = vertex(chart, `Deployment ${targets[0]!.metadata.name}`);
        if (!policy.spec.ingress) expect(chart.vertices.get(target)).toContain(`NetworkPolicy ${policy.metadata.name}: no ingress`);
        for (const rule of policy.spec.ingress ?? []) {
          for (const peer of rule.from) {
            const namespace = peer.namespaceSelector.matchLabels['kubernetes.io/metadata.name'];
            const edges = edgesBetween(chart, vertex(chart, `namespace ${namespace}`), target);
            expect(edges.map((e) => e.stroke)).toEqual(['thick']);
            expectedEdges.push([vertex(chart, `namespace ${namespace}`), target]);
          }
        }
      }
      // Every edge mermaid read is one of these, and each of these is there once.
      expect(chart.edges.map((e) => [e.from, e.to]).sort()).toEqual(expectedEdges.sort());
    });
  }

  it('draws the same picture from a TomodaApp file and from its rendered objects', () => {
    const fromConfig = runFn('', ['graph', 'fn-config/tomoda-app.yaml']);
    const rendered = runFn('', ['render', 'fn-config/tomoda-app.yaml']).stdout;
    const fromObjects = runFn(rendered, ['graph']);
    expect(fromConfig).toMatchObject({ code: 0, stderr: '' });
    expect(fromObjects.stdout).toBe(fromConfig.stdout);
  });

  it('escapes what would end a label, so any name reads back as written', async () => {
    const objects = [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'say "hi" #1 <b>' }, spec: { ports: [{ port: 80 }] } }] as KubeObject[];
    const chart = await parseFlowchart(graphOf(objects));
    expect([...chart.vertices.values()]).toEqual(['Service say "hi" #1 <b> :80']);
  });

  it('refuses what is not a list of objects in one line, and a TomodaApp with errors with its results', () => {
    expect(runFn('just: text\n', ['graph'])).toMatchObject({ code: 1, stdout: '', stderr: 'tomoda-app-fn: error: stdin: document 1 is not a Kubernetes object (it has no apiVersion, kind and metadata.name)\n' });
    const bad = runFn('apiVersion: tomoda.life/v1alpha1\nkind: TomodaApp\nmetadata: {name: x}\nspec: {backend: {}}\n', ['graph']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^tomoda-app-fn: error: spec\.backend\.image: is required$/m);
    expect(runFn('', ['graph', 'a', 'b']).code).toBe(1);
  });
});

/** A data vertex (Secret, ConfigMap) whose first line is `text`, possibly followed by a key count. */
function vertexPrefix(chart: Flowchart, text: string): string {
  const ids = [...chart.vertices].filter(([, label]) => label === text || label.startsWith(`${text} (`)).map(([id]) => id);
  expect(ids, `one vertex "${text}"`).toHaveLength(1);
  return ids[0]!;
}
