// The API server's name, label and size limits at their edges, through verifyRendered: the longest value each rule
// accepts passes, one character more is a finding. A limit off by one fails here.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/render/index.js';
import { verifyRendered } from '../../src/verify/index.js';
import { codes, objectOf, renderedSet } from './support.js';

const a = (n: number): string => 'a'.repeat(n);
const policy = (objects: KubeObject[]): any => objectOf(objects, 'NetworkPolicy', 'worker-policy');
const container = (objects: KubeObject[]): any => objectOf(objects, 'Deployment', 'worker').spec.template.spec.containers[0];

/** [what, set the value on a rendered set, the longest valid value, the shortest invalid one, the finding]. */
const EDGES: Array<[string, (objects: KubeObject[], value: string) => void, string, string, string]> = [
  ['an object name (DNS-1123 subdomain, 253)', (o, v) => (policy(o).metadata.name = v), a(253), a(254), `invalid-name NetworkPolicy/${a(254)} metadata.name`],
  [
    'a Service name (DNS-1035 label, 63)',
    (o, v) => o.push({ ...structuredClone(objectOf(o, 'Service', 'backend-service')), metadata: { name: v } }),
    `s${a(62)}`,
    `s${a(63)}`,
    `invalid-name Service/s${a(63)} metadata.name`,
  ],
  [
    'a namespace (DNS-1123 label, 63)',
    (o, v) => o.forEach((object) => (object.metadata.namespace = v)),
    a(63),
    a(64),
    'invalid-name ConfigMap/backend-config-prod metadata.namespace',
  ],
  ['a label value (63)', (o, v) => (policy(o).metadata.labels.extra = v), a(63), a(64), 'invalid-label NetworkPolicy/worker-policy metadata.labels.extra'],
  [
    "a label key's name part (63)",
    (o, v) => (policy(o).metadata.labels[v] = 'x'),
    a(63),
    a(64),
    `invalid-label NetworkPolicy/worker-policy metadata.labels.${a(64)}`,
  ],
  [
    "a label key's prefix (DNS-1123 subdomain, 253)",
    (o, v) => (policy(o).metadata.labels[`${v}/k`] = 'x'),
    a(253),
    a(254),
    `invalid-label NetworkPolicy/worker-policy metadata.labels["${a(254)}/k"]`,
  ],
  [
    "an annotation key's name part (63)",
    (o, v) => (policy(o).metadata.annotations = { [v]: 'x' }),
    a(63),
    a(64),
    `invalid-annotation NetworkPolicy/worker-policy metadata.annotations.${a(64)}`,
  ],
  [
    "the annotations' total size (256 KiB)",
    (o, v) => (policy(o).metadata.annotations = { k: v }),
    a(256 * 1024 - 1),
    a(256 * 1024),
    'invalid-annotation NetworkPolicy/worker-policy metadata.annotations',
  ],
  [
    'a port name (IANA service name, 15)',
    (o, v) => (container(o).ports[0].name = v),
    a(15),
    a(16),
    'invalid-name Deployment/worker spec.template.spec.containers[0].ports[0].name',
  ],
  [
    'a container name (DNS-1123 label, 63)',
    (o, v) => (container(o).name = v),
    a(63),
    a(64),
    'invalid-name Deployment/worker spec.template.spec.containers[0].name',
  ],
];

describe('name and size limits at their edges', () => {
  it.each(EDGES.map(([what, set, longest, tooLong, finding]) => ({ what, set, longest, tooLong, finding })))('$what', ({ set, longest, tooLong, finding }) => {
    const valid = renderedSet();
    set(valid.objects, longest);
    expect(codes(verifyRendered(valid.objects, valid.context))).toEqual([]);
    const invalid = renderedSet();
    set(invalid.objects, tooLong);
    const findings = verifyRendered(invalid.objects, invalid.context);
    expect(codes(findings)).toContain(finding);
    expect(findings.find((f) => codes([f])[0] === finding)!.message).toMatch(/(longer than|take) \d+/); // says by how much
  });

  it.each([
    ['a-1', []],
    ['a--b', ['invalid-name Deployment/worker spec.template.spec.containers[0].ports[0].name']],
    ['123', ['invalid-name Deployment/worker spec.template.spec.containers[0].ports[0].name']],
    ['-ab', ['invalid-name Deployment/worker spec.template.spec.containers[0].ports[0].name']],
    ['Ab', ['invalid-name Deployment/worker spec.template.spec.containers[0].ports[0].name']],
  ])('a port name %s: a letter, no "--", lowercase', (name, expected) => {
    const { objects, context } = renderedSet();
    container(objects).ports[0].name = name;
    expect(codes(verifyRendered(objects, context))).toEqual(expected);
  });

  it.each([
    ['', 'invalid-label NetworkPolicy/worker-policy metadata.labels[""]'],
    ['/k', 'invalid-label NetworkPolicy/worker-policy metadata.labels["/k"]'],
    ['Example.com/k', 'invalid-label NetworkPolicy/worker-policy metadata.labels["Example.com/k"]'],
    ['example.com/-k', 'invalid-label NetworkPolicy/worker-policy metadata.labels["example.com/-k"]'],
  ])('a label key %j is refused', (key, finding) => {
    const { objects, context } = renderedSet();
    policy(objects).metadata.labels[key] = 'x';
    expect(codes(verifyRendered(objects, context))).toEqual([finding]);
  });

  it.each(['Team_Name', 'a.b-c_D', 'example.com/Team_Name'])('a label key %j is accepted', (key) => {
    const { objects, context } = renderedSet();
    policy(objects).metadata.labels[key] = 'x';
    expect(verifyRendered(objects, context)).toEqual([]);
  });

  it('an empty label value is allowed, one that starts or ends with "-" is not', () => {
    const { objects, context } = renderedSet();
    policy(objects).metadata.labels.extra = '';
    expect(verifyRendered(objects, context)).toEqual([]);
    policy(objects).metadata.labels.extra = '-a';
    expect(codes(verifyRendered(objects, context))).toEqual(['invalid-label NetworkPolicy/worker-policy metadata.labels.extra']);
  });
});
