// kustomize's own features applied on top of what the function generates keep the wiring: names that
// reference each other follow namePrefix/nameSuffix and the ConfigMap's content hash, and namespace,
// labels (selectors included) and images reach every object. Each case is a kustomization in a temp
// dir that uses the prod overlay's app/ (the patched TomodaApp) as its generator. They run on kubectl's
// kustomize (container function, docker stand-in) and on each standalone kustomize with --enable-exec
// (exec function, as on Argo CD's repo-server).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUNDLE,
  container,
  EXAMPLES,
  find,
  kustomizeBuild,
  kustomizes,
  parseObjects,
  standaloneBuild,
  standaloneKustomizes,
  TOMODA_EXAMPLE,
  tempDir,
  toolEnv,
  type KubeObject,
  type Run,
} from './support.js';

const kubectl = kustomizes()[0]!.path;
const { env } = toolEnv();
const work = tempDir('features');
const PROD_APP = join(TOMODA_EXAMPLE, 'overlays', 'prod', 'app');

/** The committed exec-function component, pointed at the bundle. */
const execComponent = join(work, 'exec-function');
mkdirSync(execComponent);
writeFileSync(
  join(execComponent, 'kustomization.yaml'),
  readFileSync(join(EXAMPLES, 'components', 'exec-function', 'kustomization.yaml'), 'utf8').replace(
    'path: /usr/local/bin/tomoda-app-fn\n',
    `path: ${BUNDLE}\n`,
  ),
);

interface Runner {
  name: string;
  exec: boolean;
  build(dir: string): Run;
}

const RUNNERS: Runner[] = [
  { name: 'kubectl kustomize, container function', exec: false, build: (dir) => kustomizeBuild(kubectl, dir, env) },
  ...standaloneKustomizes().found.map((k) => ({
    name: `${k.name} --enable-exec, exec function`,
    exec: true,
    build: (dir: string) => standaloneBuild(k.path, dir, env),
  })),
];

const envFromOf = (objects: KubeObject[], deployment: string): any[] => container(find(objects, 'Deployment', deployment)).envFrom;

describe.each(RUNNERS)('kustomize features on generated objects ($name)', (runner) => {
  /** Builds a kustomization whose generator is the prod app (optionally patched); returns the objects. */
  function build(name: string, kustomization: string, appPatch?: string): KubeObject[] {
    const dir = join(work, `${name}-${RUNNERS.indexOf(runner)}`);
    const app = join(dir, 'app');
    mkdirSync(app, { recursive: true });
    writeFileSync(
      join(app, 'kustomization.yaml'),
      `resources:\n  - ${relative(app, PROD_APP)}\n${runner.exec ? `components:\n  - ${relative(app, execComponent)}\n` : ''}${appPatch ? `patches:\n  - patch: |-\n${appPatch.replace(/^/gm, '      ')}\n` : ''}`,
    );
    writeFileSync(join(dir, 'kustomization.yaml'), `generators:\n  - app\n${kustomization}`);
    const result = runner.build(dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const objects = parseObjects(result.stdout);
    expect(objects.length).toBe(17); // never empty: kustomize skips an exec function it may not run silently
    return objects;
  }

  it('namePrefix and nameSuffix rename every object and every reference kustomize knows', () => {
    const objects = build('prefix-suffix', 'namePrefix: blue-\nnameSuffix: -v2\n');
    for (const o of objects) expect(o.metadata.name).toMatch(/^blue-.*-v2(-[a-z0-9]{10})?$/);
    for (const pool of ['tomoda-api', 'tomoda-async']) {
      expect(find(objects, 'HorizontalPodAutoscaler', `blue-${pool}-hpa-v2`).spec.scaleTargetRef.name).toBe(`blue-${pool}-v2`);
    }
    const routes = find(objects, 'Ingress', 'blue-tomoda-ingress-v2').spec.rules.map((r: any) => r.http.paths[0].backend.service.name);
    expect(routes).toEqual(['blue-backend-service-v2', 'blue-frontend-service-v2', 'blue-frontend-service-v2']);
    const configMap = find(objects, 'ConfigMap', /^blue-backend-config-prod-v2-[a-z0-9]{10}$/);
    for (const pool of ['blue-tomoda-api-v2', 'blue-tomoda-async-v2']) {
      const envFrom = envFromOf(objects, pool);
      expect(envFrom[2]).toEqual({ configMapRef: { name: configMap.metadata.name } });
      // The Secrets are written by External Secrets Operator under spec.target.name, which kustomize
      // does not rename: envFrom keeps pointing at the Secret the ExternalSecret writes.
      expect(envFrom[0]).toEqual({ secretRef: { name: find(objects, 'ExternalSecret', 'blue-backend-secrets-prod-v2').spec.target.name } });
      expect(envFrom[1]).toEqual({ secretRef: { name: find(objects, 'ExternalSecret', 'blue-s3-uploader-secret-v2').spec.target.name } });
    }
  });

  it('appends a content hash to the ConfigMap name, rewrites envFrom, and changes it with the content', () => {
    const plain = build('plain', '');
    const name = find(plain, 'ConfigMap', /^backend-config-prod-/).metadata.name;
    expect(name).toMatch(/^backend-config-prod-[a-z0-9]{10}$/);
    for (const pool of ['tomoda-api', 'tomoda-async']) expect(envFromOf(plain, pool)[2]).toEqual({ configMapRef: { name } });

    const changed = build(
      'hash',
      '',
      'apiVersion: tomoda.life/v1alpha1\nkind: TomodaApp\nmetadata:\n  name: tomoda\nspec:\n  config:\n    redis:\n      port: 6380',
    );
    const renamed = find(changed, 'ConfigMap', /^backend-config-prod-/);
    expect(renamed.data?.REDIS_PORT).toBe('6380');
    expect(renamed.metadata.name).not.toBe(name); // new content, new name: the pools roll
    for (const pool of ['tomoda-api', 'tomoda-async']) expect(envFromOf(changed, pool)[2]).toEqual({ configMapRef: { name: renamed.metadata.name } });
  });

  it('namespace and labels reach every object, selectors included', () => {
    const objects = build('namespace-labels', 'namespace: staging\nlabels:\n  - pairs:\n      team: chat\n    includeSelectors: true\n');
    for (const o of objects) {
      expect(o.metadata.namespace).toBe('staging');
      expect(o.metadata.labels?.team).toBe('chat');
    }
    expect(find(objects, 'Deployment', 'tomoda-api').spec.selector.matchLabels).toEqual({ app: 'tomoda-api', team: 'chat' });
    expect(find(objects, 'Deployment', 'tomoda-api').spec.template.metadata.labels.team).toBe('chat');
    expect(find(objects, 'Service', 'backend-service').spec.selector).toEqual({ app: 'tomoda-api', team: 'chat' });
    expect(find(objects, 'PodDisruptionBudget', 'tomoda-async-pdb').spec.selector.matchLabels).toEqual({ app: 'tomoda-async', team: 'chat' });
    expect(find(objects, 'NetworkPolicy', 'tomoda-async-policy').spec.podSelector.matchLabels).toEqual({ app: 'tomoda-async', team: 'chat' });
  });

  it('images rewrites name, tag and digest of the generated containers', () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    const objects = build(
      'images',
      [
        'images:',
        '  - name: asia-east1-docker.pkg.dev/tomoda/tomoda-dev-repo/tomoda-backend',
        '    newName: registry.example.com/tomoda/tomoda-backend',
        '    newTag: "2.4.0"',
        '  - name: asia-east1-docker.pkg.dev/tomoda/tomoda-dev-repo/tomoda-frontend',
        `    digest: ${digest}`,
        '',
      ].join('\n'),
    );
    for (const pool of ['tomoda-api', 'tomoda-async'])
      expect(container(find(objects, 'Deployment', pool)).image).toBe('registry.example.com/tomoda/tomoda-backend:2.4.0');
    expect(container(find(objects, 'Deployment', 'frontend')).image).toBe(`asia-east1-docker.pkg.dev/tomoda/tomoda-dev-repo/tomoda-frontend@${digest}`);
  });
});
