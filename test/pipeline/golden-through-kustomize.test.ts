// Every golden case that renders objects, run again as a kustomize generator by the real kustomize (kubectl's)
// through the docker stand-in: kustomize must accept what the function writes and, once its own transformations
// are undone (the ConfigMap's hash suffix), print exactly the golden objects. A case that fails in the golden
// test must fail kustomize's build too, with the function's message on stderr.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { FUNCTION_IMAGE, kustomizeBuild, kustomizes, parseObjects, ROOT, tempDir, toolEnv, type KubeObject } from './support.js';

const TESTDATA = join(ROOT, 'testdata');
const KUBECTL = kustomizes()[0]!.path;
const { env } = toolEnv();
const MANAGED_BY = 'app.kubernetes.io/managed-by';
const NEEDS_HASH = 'kustomize.config.k8s.io/needs-hash';

interface Case {
  name: string;
  config: Record<string, any>;
  expected: KubeObject[];
  stderr: string;
}

/** Cases whose input is a kustomize generator's ResourceList (the TomodaApp is a local-config item). */
function cases(): Case[] {
  return readdirSync(TESTDATA)
    .filter((name) => existsSync(join(TESTDATA, name, 'input.yaml')))
    .sort()
    .flatMap((name) => {
      const input = parseOrNull(readFileSync(join(TESTDATA, name, 'input.yaml'), 'utf8')) as { items?: any[]; functionConfig?: any } | null;
      const config = input?.functionConfig;
      const generator = input?.items?.some(
        (item) => item?.kind === 'TomodaApp' && item?.metadata?.annotations?.['config.kubernetes.io/local-config'] === 'true',
      );
      if (!config || !generator || input.items!.length !== 1) return [];
      const output = parse(readFileSync(join(TESTDATA, name, 'expected.yaml'), 'utf8')) as { items?: KubeObject[] };
      const stderrFile = join(TESTDATA, name, 'expected.stderr');
      return [
        {
          name,
          config,
          expected: (output.items ?? []).filter((item) => item.metadata?.labels?.[MANAGED_BY] === 'tomoda-app-fn'),
          stderr: existsSync(stderrFile) ? readFileSync(stderrFile, 'utf8') : '',
        },
      ];
    });
}

function parseOrNull(text: string): unknown {
  try {
    return parse(text);
  } catch {
    return null; // the cases that are not YAML on purpose
  }
}

/** A kustomization whose generator is the case's TomodaApp, run as the container function. */
function overlay(config: Record<string, any>): string {
  const dir = tempDir('golden');
  mkdirSync(join(dir, 'app'));
  const annotations = {
    ...config.metadata?.annotations,
    'config.kubernetes.io/function': `container:\n  image: ${FUNCTION_IMAGE}\n`,
    'config.kubernetes.io/local-config': 'true',
  };
  writeFileSync(join(dir, 'app', 'tomoda-app.yaml'), stringify({ ...config, metadata: { ...config.metadata, annotations } }));
  writeFileSync(join(dir, 'app', 'kustomization.yaml'), stringify({ resources: ['tomoda-app.yaml'] }));
  writeFileSync(join(dir, 'kustomization.yaml'), stringify({ generators: ['app'] }));
  return dir;
}

/** kustomize's doing undone: the hash suffix of generated ConfigMaps (and every reference to them). */
function withoutHashes(objects: KubeObject[]): KubeObject[] {
  const hashed = objects.filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name);
  const text = JSON.stringify(objects);
  const restored = hashed.reduce((out, name) => out.replaceAll(`"${name}"`, `"${name.replace(/-[a-z0-9]{10}$/, '')}"`), text);
  return JSON.parse(restored) as KubeObject[];
}

function withoutNeedsHash(objects: KubeObject[]): KubeObject[] {
  return objects.map((o) => {
    const annotations = Object.fromEntries(Object.entries(o.metadata.annotations ?? {}).filter(([key]) => key !== NEEDS_HASH));
    const { annotations: _, ...metadata } = o.metadata;
    return { ...o, metadata: Object.keys(annotations).length ? { ...metadata, annotations } : metadata };
  });
}

const key = (o: KubeObject): string => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const sorted = (objects: KubeObject[]): KubeObject[] => [...objects].sort((a, b) => key(a).localeCompare(key(b)));

const all = cases();

describe('golden cases through kustomize', () => {
  it('finds generator cases, the workload cases among them', () => {
    const names = all.map((c) => c.name);
    for (const name of ['worker-no-http', 'workload-identity', 'zone-spread', 'reloader', 'patch-escape-hatch', 'ws-split', 'error-patch-breaks-checks'])
      expect(names).toContain(name);
  });

  for (const c of all) {
    const failing = /^tomoda-app-fn: error/m.test(c.stderr);
    it(`${c.name}: ${failing ? "fails the build with the function's message" : 'builds the golden objects'}`, () => {
      const build = kustomizeBuild(KUBECTL, overlay(c.config), env);
      if (failing) {
        expect(build.code).not.toBe(0);
        for (const line of c.stderr.split('\n').filter((l) => l.startsWith('tomoda-app-fn: error'))) expect(build.stderr).toContain(line);
        return;
      }
      expect(build.stderr).toBe(c.stderr);
      expect(build.code).toBe(0);
      const objects = parseObjects(build.stdout);
      expect(objects.length).toBe(c.expected.length);
      expect(sorted(withoutHashes(objects))).toEqual(sorted(withoutNeedsHash(c.expected)));
    });
  }
});
