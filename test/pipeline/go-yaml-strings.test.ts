// Strings that go-yaml (kustomize, kubectl, Argo CD) or a YAML 1.1 reader would type as numbers, booleans or
// null, through the function and then a real kustomize JSON patch: kustomize turns each object into JSON to patch
// it, so a string the function wrote plain and go-yaml reads as a number comes out as that number. Every value
// must arrive as the string the TomodaApp gave.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { find, kustomizeBuild, kustomizes, parseObjects, tempDir, toolEnv, FUNCTION_IMAGE } from './support.js';

/** Go integer syntax (any-case 0x/0o/0b prefixes, underscores), YAML 1.1 words, core floats and nulls, timestamps.
 * Not "<<": kustomize itself turns a quoted "<<" in the TomodaApp into `!!merge <<` before the function sees it. */
const TRICKY = [
  '0o17',
  '0O17',
  '0X1F',
  '0x_1f',
  '0b1',
  '0B101',
  '-0b11',
  '+0o7',
  '1_000',
  '1_0.5',
  '08',
  '0777',
  'yes',
  'on',
  'Off',
  'y',
  'N',
  '~',
  'null',
  '1e3',
  '.5',
  '.inf',
  '-.Inf',
  '.NaN',
  '2024-01-02',
  '12:30:45',
  'true',
  'FALSE',
];

describe('tricky strings through a kustomize JSON patch', () => {
  it('arrive as the same strings', () => {
    const dir = tempDir('go-yaml');
    const extra = Object.fromEntries(TRICKY.map((value, i) => [`V${i}`, value]));
    const app = {
      apiVersion: 'tomoda.life/v1alpha1',
      kind: 'TomodaApp',
      metadata: { name: 'demo', annotations: { 'config.kubernetes.io/function': `container:\n  image: ${FUNCTION_IMAGE}\n` } },
      spec: {
        backend: { image: { registry: 'registry.example.com/team', name: 'backend', tag: '1.0.0' }, pools: { api: { mode: 'multi-hub' } } },
        config: { env: 'dev', extra },
      },
    };
    // Every string of the input double-quoted: what go-yaml reads there is the test's input, not the function's output.
    writeFileSync(join(dir, 'app.yaml'), stringify(app, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' }));
    // The patch touches the ConfigMap, so kustomize round-trips all of it through JSON.
    writeFileSync(
      join(dir, 'kustomization.yaml'),
      'generators:\n  - app.yaml\npatches:\n  - target: {kind: ConfigMap}\n    patch: |-\n      - op: add\n        path: /metadata/annotations/patched\n        value: "yes"\n',
    );
    const { env } = toolEnv();
    const result = kustomizeBuild(kustomizes()[0]!.path, dir, env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const configMap = find(parseObjects(result.stdout), 'ConfigMap', /backend-config/);
    expect(configMap.metadata.annotations?.patched).toBe('yes');
    const changed = Object.entries(extra).filter(([key, value]) => configMap.data?.[key] !== value);
    expect(changed.map(([key, value]) => `${key} ${value} -> ${JSON.stringify(configMap.data?.[key])}`)).toEqual([]);
  });
});
