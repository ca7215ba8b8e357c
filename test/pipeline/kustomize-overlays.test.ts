// The seed's pipeline rebuilt on the function: examples/k8s/apps/tomoda/overlays/{dev,prod} built by
// the real kustomize (kubectl's, and every kubectl.1.NN beside it) running the container function
// through the docker stand-in, and by standalone kustomize (Argo CD's version and the previous minor)
// with --enable-exec, running the container function and the exec function. The output must equal the
// committed expected-output.yaml and hold every statement the seed makes about the base and the
// overlay. UPDATE_GOLDEN=1 rewrites expected-output.yaml.
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  container,
  execBuilds,
  execExamples,
  find,
  kustomizeBuild,
  kustomizes,
  parseObjects,
  ROOT,
  run,
  standaloneBuild,
  standaloneKustomizes,
  TOMODA_EXAMPLE,
  toolEnv,
  type KubeObject,
} from './support.js';

const update = process.env.UPDATE_GOLDEN === '1';
if (update && process.env.CI) throw new Error('UPDATE_GOLDEN=1 is refused under CI: golden files are reviewed, not regenerated');

const KUSTOMIZES = kustomizes();
const STANDALONE = standaloneKustomizes().found;
const { env } = toolEnv();
const ENVIRONMENTS = ['dev', 'prod'] as const;
type Env = (typeof ENVIRONMENTS)[number];

const overlay = (name: Env): string => join(TOMODA_EXAMPLE, 'overlays', name);
const expectedFile = (name: Env): string => join(overlay(name), 'expected-output.yaml');

describe('kustomize versions', () => {
  it('finds kubectl and the versioned kubectls beside it', () => {
    expect(KUSTOMIZES[0]?.name).toBe('kubectl');
    for (const k of KUSTOMIZES) expect(k.version).toMatch(/^v5\.\d+\.\d+$/);
    console.info(`kustomize versions exercised: ${[...KUSTOMIZES, ...STANDALONE].map((k) => `${k.name} (${k.version})`).join(', ')}`);
  });
});

/** No docker anywhere on PATH: the exec route must not need one. */
const NO_DOCKER_ENV = {
  PATH: (process.env.PATH ?? '')
    .split(':')
    .filter((dir) => !existsSync(join(dir, 'docker')))
    .join(':'),
  HOME: process.env.HOME ?? '/',
};

describe.skipIf(STANDALONE.length === 0)('standalone kustomize build --enable-alpha-plugins --enable-exec (what Argo CD runs)', () => {
  const cases = STANDALONE.flatMap((k) => ENVIRONMENTS.map((name) => ({ ...k, overlay: name })));

  it.each(cases)('$name builds overlays/$overlay with the container function (docker stand-in) to the committed output', ({ path, overlay: name }) => {
    const build = standaloneBuild(path, overlay(name), env);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(build.stdout).toBe(readFileSync(expectedFile(name), 'utf8'));
  });

  const execCases = execBuilds().flatMap((fn) => cases.map((c) => ({ ...c, fn: fn.name, fnPath: fn.path })));
  it.each(execCases)(
    '$name builds overlays/$overlay with the exec function ($fn), no docker on PATH, to the committed output',
    ({ path, overlay: name, fnPath }) => {
      const examples = execExamples(fnPath);
      const build = standaloneBuild(path, join(examples, 'k8s', 'apps', 'tomoda', 'overlays', name), NO_DOCKER_ENV);
      expect(build.stderr).toBe('');
      expect(build.code).toBe(0);
      expect(build.stdout).toBe(readFileSync(expectedFile(name), 'utf8'));
    },
  );

  it.each(STANDALONE)('$name resolves a relative exec path against the overlay that lists the generator, not the caller', ({ path }) => {
    const examples = execExamples('./tomoda-app-fn');
    const prod = join(examples, 'k8s', 'apps', 'tomoda', 'overlays', 'prod');
    // Only beside the TomodaApp's own kustomization (app/): not found.
    symlinkSync(execBuilds()[0]!.path, join(prod, 'app', 'tomoda-app-fn'));
    const notFound = standaloneBuild(path, prod, NO_DOCKER_ENV, examples);
    expect(notFound.code).not.toBe(0);
    expect(notFound.stderr).toMatch(/fork\/exec \.\/tomoda-app-fn: no such file or directory/);
    // Beside the overlay's kustomization.yaml, with kustomize started from elsewhere: found.
    symlinkSync(execBuilds()[0]!.path, join(prod, 'tomoda-app-fn'));
    const found = standaloneBuild(path, prod, NO_DOCKER_ENV, '/');
    expect(found.stderr).toBe('');
    expect(found.stdout).toBe(readFileSync(expectedFile('prod'), 'utf8'));
  });

  it.each(STANDALONE)('$name looks a bare exec path up on its PATH', ({ path }) => {
    const prod = join(execExamples('tomoda-app-fn'), 'k8s', 'apps', 'tomoda', 'overlays', 'prod');
    const missing = standaloneBuild(path, prod, NO_DOCKER_ENV);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/exec: "tomoda-app-fn": executable file not found in \$PATH/);
    const { bin } = toolEnv(); // holds tomoda-app-fn
    const found = standaloneBuild(path, prod, { ...NO_DOCKER_ENV, PATH: `${bin}:${NO_DOCKER_ENV.PATH}` });
    expect(found.stderr).toBe('');
    expect(found.stdout).toBe(readFileSync(expectedFile('prod'), 'utf8'));
  });

  it.each(STANDALONE)('$name skips an exec function silently without --enable-exec, and fails loudly on a container it cannot run', ({ path }) => {
    const prod = join(execExamples(execBuilds()[0]!.path), 'k8s', 'apps', 'tomoda', 'overlays', 'prod');
    const skipped = run(path, ['build', prod, '--enable-alpha-plugins'], { env: NO_DOCKER_ENV });
    expect(skipped).toEqual({ stdout: '', stderr: '', code: 0 });
    const noDocker = run(path, ['build', overlay('prod'), '--enable-alpha-plugins'], { env: NO_DOCKER_ENV });
    expect(noDocker.code).not.toBe(0);
    expect(noDocker.stdout).toBe('');
    expect(noDocker.stderr).toMatch(/couldn't execute function/);
  });
});

describe.each(ENVIRONMENTS)('overlays/%s', (name) => {
  const first = kustomizeBuild(KUSTOMIZES[0]!.path, overlay(name), env);
  if (update && first.code === 0 && first.stdout.trim()) writeFileSync(expectedFile(name), first.stdout);
  const expected = readFileSync(expectedFile(name), 'utf8');

  it.each(KUSTOMIZES)('$name (kustomize $version) builds the committed expected output', ({ path }) => {
    const build = path === KUSTOMIZES[0]!.path ? first : kustomizeBuild(path, overlay(name), env);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(build.stdout.trim()).not.toBe(''); // kustomize skips an exec function it may not run and prints nothing
    expect(build.stdout).toBe(expected);
  });

  const objects = parseObjects(expected);

  it('holds the objects of the seed, and no config or runner annotation', () => {
    const kinds = objects.map((o) => `${o.kind}/${o.metadata.name.replace(/-[a-z0-9]{10}$/, '-<hash>')}`).sort();
    expect(kinds).toEqual(
      [
        `ConfigMap/backend-config-${name}-<hash>`,
        'Deployment/frontend',
        'Deployment/tomoda-api',
        'Deployment/tomoda-async',
        `ExternalSecret/backend-secrets-${name}`,
        'ExternalSecret/s3-uploader-secret',
        'HorizontalPodAutoscaler/tomoda-api-hpa',
        'HorizontalPodAutoscaler/tomoda-async-hpa',
        'Ingress/tomoda-ingress',
        'NetworkPolicy/frontend-policy',
        'NetworkPolicy/tomoda-api-policy',
        'NetworkPolicy/tomoda-async-policy',
        ...(name === 'prod' ? ['PodDisruptionBudget/tomoda-api-pdb', 'PodDisruptionBudget/tomoda-async-pdb', 'Job/tomoda-migrate'] : []),
        'Service/backend-service',
        'Service/frontend-service',
      ].sort(),
    );
    expect(expected).not.toMatch(/TomodaApp|tomoda\.life\/v1alpha1/);
    for (const object of objects) {
      const keys = Object.keys(object.metadata.annotations ?? {});
      expect(
        keys.filter((k) => /^(internal\.)?config\.kubernetes\.io\/|^config\.k8s\.io\/|^kustomize\.config\.k8s\.io\//.test(k)),
        `${object.kind}/${object.metadata.name}`,
      ).toEqual([]);
    }
  });

  it(`puts everything in namespace ${name === 'dev' ? 'tomoda' : 'prod'} with the env label, selectors included`, () => {
    for (const object of objects) {
      expect(object.metadata.namespace).toBe(name === 'dev' ? 'tomoda' : 'prod');
      expect(object.metadata.labels?.env).toBe(name);
    }
    for (const pool of ['tomoda-api', 'tomoda-async', 'frontend']) {
      const deployment = find(objects, 'Deployment', pool);
      expect(deployment.spec.selector.matchLabels).toEqual({ app: pool, env: name });
      expect(deployment.spec.template.metadata.labels.env).toBe(name);
      expect(find(objects, 'NetworkPolicy', `${pool}-policy`).spec.podSelector.matchLabels).toEqual({ app: pool, env: name });
    }
    expect(find(objects, 'Service', 'backend-service').spec.selector).toEqual({ app: 'tomoda-api', env: name });
    expect(find(objects, 'Service', 'frontend-service').spec.selector).toEqual({ app: 'frontend', env: name });
  });

  it('runs one backend image as two pools wired to the secrets and the hash-suffixed ConfigMap', () => {
    const configMap = find(objects, 'ConfigMap', new RegExp(`^backend-config-${name}-[a-z0-9]{10}$`));
    const repo = name === 'prod' ? 'tomoda-prod-repo' : 'tomoda-dev-repo';
    for (const [pool, mode, requests, limits] of [
      ['tomoda-api', 'multi-hub', { cpu: '10m', memory: '64Mi' }, { cpu: '500m', memory: '512Mi' }],
      ['tomoda-async', 'async', { cpu: '10m', memory: '128Mi' }, { cpu: '500m', memory: '768Mi' }],
    ] as const) {
      const deployment = find(objects, 'Deployment', pool);
      const c = container(deployment);
      expect(deployment.spec.replicas, 'replicas are left to the HPA').toBeUndefined();
      expect(c.image).toBe(`asia-east1-docker.pkg.dev/tomoda/${repo}/tomoda-backend:latest`);
      expect(c.imagePullPolicy).toBe(name === 'prod' ? 'IfNotPresent' : 'Always');
      expect(c.env).toEqual([
        { name: 'SERVER_MODE', value: mode },
        { name: 'GIN_MODE', value: name === 'prod' ? 'release' : 'debug' },
        { name: 'PHOTON_URL', value: 'http://photon.data.svc.cluster.local:2322' },
      ]);
      expect(c.envFrom).toEqual([
        { secretRef: { name: `backend-secrets-${name}` } },
        { secretRef: { name: 's3-uploader-secret' } },
        { configMapRef: { name: configMap.metadata.name } },
      ]);
      expect(c.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
      expect(c.livenessProbe).toEqual({ httpGet: { path: '/health', port: 'http' }, initialDelaySeconds: 15, periodSeconds: 30 });
      expect(c.readinessProbe).toEqual({ httpGet: { path: '/health', port: 'http' }, initialDelaySeconds: 10, periodSeconds: 10 });
      expect(c.resources).toEqual({ requests, limits });
    }
  });

  it('keeps the frontend at one replica on :8081 with the API URL baked into the base', () => {
    const frontend = find(objects, 'Deployment', 'frontend');
    const c = container(frontend);
    expect(frontend.spec.replicas).toBe(1);
    expect(c.image).toBe(`asia-east1-docker.pkg.dev/tomoda/${name === 'prod' ? 'tomoda-prod-repo' : 'tomoda-dev-repo'}/tomoda-frontend:latest`);
    expect(c.ports[0].containerPort).toBe(8081);
    expect(c.env).toEqual([{ name: 'EXPO_PUBLIC_API_URL', value: 'https://api-dev.tomoda.life' }]);
    expect(c.livenessProbe.httpGet.path).toBe('/');
    expect(c.readinessProbe.httpGet.path).toBe('/');
  });

  it('has the Services and NetworkPolicies of the base', () => {
    const port = (o: KubeObject): unknown => o.spec.ports[0];
    expect(port(find(objects, 'Service', 'backend-service'))).toEqual({ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' });
    expect(port(find(objects, 'Service', 'frontend-service'))).toEqual({ name: 'http', port: 8081, targetPort: 'http', protocol: 'TCP' });
    const fromTraefik = (p: number): unknown => [
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik-system' } } }], ports: [{ protocol: 'TCP', port: p }] },
    ];
    expect(find(objects, 'NetworkPolicy', 'tomoda-api-policy').spec.ingress).toEqual(fromTraefik(8080));
    expect(find(objects, 'NetworkPolicy', 'frontend-policy').spec.ingress).toEqual(fromTraefik(8081));
    const asyncPolicy = find(objects, 'NetworkPolicy', 'tomoda-async-policy').spec;
    expect(asyncPolicy.policyTypes).toEqual(['Ingress']);
    expect(asyncPolicy.ingress).toBeUndefined(); // default-deny
  });

  it('syncs the backend secrets from GSM and the S3 secret from AWS SM', () => {
    const backend = find(objects, 'ExternalSecret', `backend-secrets-${name}`).spec;
    expect(backend.secretStoreRef).toEqual({ kind: 'ClusterSecretStore', name: 'gsm-tomoda' });
    expect(backend.refreshInterval).toBe('1h');
    expect(backend.target.name).toBe(`backend-secrets-${name}`);
    expect(backend.data.map((d: any) => d.secretKey).sort()).toEqual([
      'APPLE_PRIVATE_KEY',
      'DB_PASSWORD',
      'EMAIL_API_KEY',
      'ENCRYPTION_KEY',
      'GOOGLE_CLIENT_SECRET',
      'JWT_SECRET',
      'KLIPY_API_KEY',
      'LINE_CHANNEL_SECRET',
      'REDIS_PASSWORD',
      'STRIPE_SECRET_KEY',
      'STRIPE_WEBHOOK_SECRET',
    ]);
    for (const d of backend.data) expect(d.remoteRef.key).toMatch(/^tomoda-/);
    const s3 = find(objects, 'ExternalSecret', 's3-uploader-secret').spec;
    expect(s3.secretStoreRef).toEqual({ kind: 'ClusterSecretStore', name: 'aws-sm-tomoda' });
    expect(s3.target.name).toBe('s3-uploader-secret');
    expect(s3.data.map((d: any) => d.secretKey).sort()).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_REGION', 'AWS_SECRET_ACCESS_KEY', 'S3_BASE_URL', 'S3_BUCKET']);
    for (const d of s3.data) expect(d.remoteRef.key).toBe(`tomoda-s3-uploader-${name}`);
  });

  it('holds the runtime config of the environment', () => {
    const data = find(objects, 'ConfigMap', new RegExp(`^backend-config-${name}-`)).data;
    const prod = name === 'prod';
    expect(data).toEqual({
      DB_HOST: `${prod ? 'prod-' : ''}postgres-postgresql.data.svc.cluster.local`,
      DB_PORT: '5432',
      DB_USER: `tomoda_${name}_user`,
      DB_NAME: `tomoda_${name}`,
      DB_SSLMODE: prod ? 'require' : 'disable',
      REDIS_HOST: `${prod ? 'prod-' : ''}redis-master.data.svc.cluster.local`,
      REDIS_PORT: '6379',
      WEBAUTHN_RP_ID: prod ? 'api.tomoda.life' : 'api-dev.tomoda.life',
      FRONTEND_URL: prod ? 'https://app.tomoda.life' : 'https://app-dev.tomoda.life',
      ENV: name,
    });
  });

  it(`scales both pools ${name === 'prod' ? '2–6, the async pool scaling down more slowly' : '1–3'}`, () => {
    for (const [pool, window] of [
      ['tomoda-api', 300],
      ['tomoda-async', 600],
    ] as const) {
      const hpa = find(objects, 'HorizontalPodAutoscaler', `${pool}-hpa`).spec;
      expect(hpa.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: pool });
      expect([hpa.minReplicas, hpa.maxReplicas]).toEqual(name === 'prod' ? [2, 6] : [1, 3]);
      expect(hpa.metrics).toEqual([
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
      ]);
      if (name === 'prod') expect(hpa.behavior.scaleDown.stabilizationWindowSeconds).toBe(window);
      else expect(hpa.behavior).toBeUndefined();
    }
  });

  it(name === 'prod' ? 'keeps half of each pool through voluntary disruption' : 'has no PodDisruptionBudget', () => {
    const pdbs = objects.filter((o) => o.kind === 'PodDisruptionBudget');
    if (name === 'dev') return expect(pdbs).toEqual([]);
    for (const pool of ['tomoda-api', 'tomoda-async']) {
      const pdb = find(objects, 'PodDisruptionBudget', `${pool}-pdb`).spec;
      expect(pdb.minAvailable).toBe('50%');
      expect(pdb.selector.matchLabels).toEqual({ app: pool, env: 'prod' });
    }
  });

  it(`routes ${name === 'prod' ? 'api, app and www' : 'api-dev and app-dev'} through Traefik with a cert-manager certificate`, () => {
    const ingress = find(objects, 'Ingress', 'tomoda-ingress');
    const hosts = name === 'prod' ? ['api.tomoda.life', 'app.tomoda.life', 'www.tomoda.life'] : ['api-dev.tomoda.life', 'app-dev.tomoda.life'];
    expect(ingress.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' });
    expect(ingress.spec.ingressClassName).toBe('traefik');
    expect(ingress.spec.tls).toEqual([{ hosts, secretName: 'tomoda-app-tls' }]);
    const routes = ingress.spec.rules.map((r: any) => [
      r.host,
      r.http.paths[0].path,
      r.http.paths[0].backend.service.name,
      r.http.paths[0].backend.service.port.number,
    ]);
    expect(routes).toEqual(
      hosts.map((host) => [host, '/', host.startsWith('api') ? 'backend-service' : 'frontend-service', host.startsWith('api') ? 8080 : 8081]),
    );
  });
});

describe('the root kustomization (the short demo)', () => {
  it('builds the dev topology from fn-config/tomoda-app.yaml', () => {
    const build = kustomizeBuild(KUSTOMIZES[0]!.path, ROOT, env);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    const objects = parseObjects(build.stdout);
    expect(objects.length).toBe(14);
    expect(build.stdout).not.toMatch(/TomodaApp|config\.kubernetes\.io\//);
    const configMap = find(objects, 'ConfigMap', /^backend-config-dev-[a-z0-9]{10}$/);
    expect(container(find(objects, 'Deployment', 'tomoda-async')).envFrom[2]).toEqual({ configMapRef: { name: configMap.metadata.name } });
  });
});

describe('overlays', () => {
  it.each(ENVIRONMENTS)('%s replaces the hand-written overlay object for object, with the same selectors', (name) => {
    // Same kinds, names and selectors as bench/handwritten: Argo CD updates the live objects in place
    // (selectors are immutable), and only the ConfigMap gains a content hash.
    const handwritten = kustomizeBuild(KUSTOMIZES[0]!.path, join(ROOT, 'bench', 'handwritten', 'k8s', 'apps', 'tomoda', 'overlays', name), env);
    expect(handwritten.code).toBe(0);
    const shape = (objects: KubeObject[]): string[] =>
      objects
        .map(
          (o) =>
            `${o.kind}/${o.metadata.name.replace(/-[a-z0-9]{10}$/, '')}/${o.metadata.namespace} ${JSON.stringify(o.spec?.selector?.matchLabels ?? o.spec?.podSelector?.matchLabels ?? (o.kind === 'Service' ? o.spec.selector : null))}`,
        )
        .sort();
    // The prod migration Job is new: the hand-written overlay had none.
    const generated = shape(parseObjects(readFileSync(expectedFile(name), 'utf8')).filter((o) => o.kind !== 'Job'));
    expect(generated).toEqual(shape(parseObjects(handwritten.stdout)));
    expect(generated.length).toBe(name === 'prod' ? 16 : 14);
  });

  it('prod runs the migration as an Argo CD Sync hook in wave -1, after the config it reads (wave -2), before the pools', () => {
    const objects = parseObjects(readFileSync(expectedFile('prod'), 'utf8'));
    const job = find(objects, 'Job', 'tomoda-migrate');
    expect(job.metadata.annotations).toEqual({
      'argocd.argoproj.io/hook': 'Sync',
      'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
      'argocd.argoproj.io/sync-wave': '-1',
    });
    const configMap = find(objects, 'ConfigMap', /^backend-config-prod-/);
    expect(configMap.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '-2' });
    expect(job.spec.template.spec.containers[0].envFrom).toEqual(container(find(objects, 'Deployment', 'tomoda-api')).envFrom);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
  });

  it('give dev and prod ConfigMaps different content hashes', () => {
    const names = ENVIRONMENTS.map((e) => find(parseObjects(readFileSync(expectedFile(e), 'utf8')), 'ConfigMap', /^backend-config-/).metadata.name);
    expect(names[0]).not.toBe(names[1]);
  });
});
