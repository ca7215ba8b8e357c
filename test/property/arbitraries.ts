// Generators for the property tests: valid TomodaApps (every field of the API, at its edges: names of 63
// characters, paths with dots, quantities in several units), mutations of them, and pass-through items
// written the way people and runners write YAML (comments, YAML 1.1 values, block scalars, key order).
import fc from 'fast-check';

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const char = (chars: string) => fc.constantFrom(...chars.split(''));

/** A DNS-1123 label, often short, sometimes at the 63-character limit. */
export function dnsLabel(maxLength = 63, first = ALNUM): fc.Arbitrary<string> {
  const length = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 1, max: Math.min(12, maxLength) }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: maxLength }) },
  );
  return length.chain((n) =>
    n === 1
      ? char(first)
      : fc
          .tuple(char(first), fc.array(char(`${ALNUM}-`), { minLength: n - 2, maxLength: n - 2 }), char(ALNUM))
          .map(([a, middle, z]) => `${a}${middle.join('')}${z}`),
  );
}

export const dns1035Label = (maxLength = 63) => dnsLabel(maxLength, 'abcdefghijklmnopqrstuvwxyz');
export const dnsSubdomain = fc.array(dnsLabel(20), { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));
export const hostname = fc
  .tuple(fc.boolean(), fc.array(dnsLabel(15), { minLength: 1, maxLength: 2 }), fc.constantFrom('com', 'life', 'io'))
  .map(([wildcard, parts, tld]) => `${wildcard ? '*.' : ''}${parts.join('.')}.${tld}`);
export const envName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,20}$/);
/** Strings a YAML writer must quote or escape to keep them strings. */
export const trickyString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '',
    'on',
    'yes',
    'no',
    'off',
    'y',
    'n',
    'true',
    'null',
    '~',
    '0644',
    '0x1F',
    '1e3',
    '2001-12-14',
    '12:30',
    '- a',
    '# no',
    'a: b',
    '"q"',
    "'s'",
    'multi\nline',
    ' lead',
    'trail ',
    '*alias',
    '&anchor',
    '!tag',
    '@at',
    '%pct',
    '{}',
    '[]',
    'ünïcødé',
    '日本',
  ),
);
const labelValue = fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/));
const labelKey = fc
  .tuple(fc.option(fc.constantFrom('example.com', 'team.tomoda.life', 'k8s.io'), { nil: undefined }), fc.stringMatching(/^[a-z][-a-z0-9_.]{0,20}[a-z0-9]$/))
  .map(([prefix, name]) => (prefix ? `${prefix}/${name}` : name))
  // the function's own selector and ownership labels are not the user's to set
  .filter((key) => key !== 'app' && !key.startsWith('app.kubernetes.io/'));
const labels = fc.dictionary(labelKey, labelValue, { maxKeys: 3 });
const port = fc.integer({ min: 1, max: 65535 });
const pullPolicy = fc.constantFrom('Always', 'IfNotPresent', 'Never');

const image = fc.record(
  {
    registry: fc.constantFrom('asia-east1-docker.pkg.dev/tomoda/repo', 'ghcr.io/tomoda-life', 'registry.example.com:5000/team'),
    name: fc.stringMatching(/^[a-z][a-z0-9]{0,9}([-_.][a-z0-9]{1,9})?$/),
    tag: fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}$/),
    digest: fc.stringMatching(/^[a-f0-9]{64}$/).map((hex) => `sha256:${hex}`),
    pullPolicy,
  },
  { requiredKeys: ['name'] },
);

const timing = fc.record(
  {
    initialDelaySeconds: fc.integer({ min: 0, max: 300 }),
    periodSeconds: fc.integer({ min: 1, max: 60 }),
    timeoutSeconds: fc.integer({ min: 1, max: 30 }),
    failureThreshold: fc.integer({ min: 1, max: 10 }),
  },
  { requiredKeys: [] },
);
const httpPath = fc.array(fc.stringMatching(/^[a-z0-9_-]{1,8}$/), { maxLength: 3 }).map((parts) => `/${parts.join('/')}`);
const probes = fc.record({ path: httpPath, liveness: timing, readiness: timing, startup: timing }, { requiredKeys: [] });

/** Requests never above limits: the generator picks the limit first. */
const resources = fc
  .record({
    cpuRequest: fc.integer({ min: 1, max: 4000 }),
    cpuExtra: fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }),
    memRequest: fc.integer({ min: 16, max: 4096 }),
    memExtra: fc.oneof(fc.constant<'none'>('none'), fc.integer({ min: 0, max: 4096 }), fc.constant(undefined)),
    style: fc.constantFrom('milli', 'units', 'number'),
  })
  // Without a memory limit the default limit (256Mi) applies, and a request above it is the user's error.
  .filter(({ memRequest, memExtra }) => memExtra !== undefined || memRequest <= 256)
  .map(({ cpuRequest, cpuExtra, memRequest, memExtra, style }) => {
    const cpu = (m: number): string | number =>
      style === 'number' && m % 1000 === 0 ? m / 1000 : style === 'units' && m % 100 === 0 ? String(m / 1000) : `${m}m`;
    const memory = (mi: number): string => (mi % 1024 === 0 ? `${mi / 1024}Gi` : `${mi}Mi`);
    return {
      requests: { cpu: cpu(cpuRequest), memory: memory(memRequest) },
      limits: {
        ...(cpuExtra !== undefined ? { cpu: cpu(cpuRequest + cpuExtra) } : {}),
        ...(memExtra === 'none' ? { memory: 'none' } : memExtra !== undefined ? { memory: memory(memRequest + memExtra) } : {}),
      },
    };
  });

const quantityValue = fc.oneof(
  fc.integer({ min: 1, max: 10000 }).map(String),
  fc.integer({ min: 1, max: 500 }).map((n) => `${n}m`),
  fc.integer({ min: 1, max: 100 }),
);
const externalMetric = fc
  .record({
    metric: fc.stringMatching(/^[a-z][a-z0-9_]{0,30}$/),
    matchLabels: fc.option(fc.dictionary(labelKey, labelValue, { maxKeys: 2 }), { nil: undefined }),
    perPod: fc.boolean(),
    target: quantityValue,
  })
  .map(({ metric, matchLabels, perPod, target }) => ({
    metric,
    ...(matchLabels ? { matchLabels } : {}),
    ...(perPod ? { averageValue: target } : { value: target }),
  }));

const autoscaling = fc
  .record({
    min: fc.integer({ min: 1, max: 10 }),
    extra: fc.integer({ min: 0, max: 20 }),
    cpuUtilization: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
    memoryUtilization: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
    scaleDownStabilizationWindowSeconds: fc.option(fc.integer({ min: 0, max: 3600 }), { nil: undefined }),
    external: fc.option(fc.dictionary(dnsLabel(20), externalMetric, { minKeys: 1, maxKeys: 2 }), { nil: undefined }),
  })
  .map(({ min, extra, ...rest }) => ({ minReplicas: min, maxReplicas: min + extra, ...withoutUndefined(rest) }));

const intOrPercent = fc.oneof(
  fc.integer({ min: 0, max: 10 }),
  fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`),
);
const disruptionBudget = fc.oneof(
  intOrPercent.map((minAvailable) => ({ minAvailable })),
  intOrPercent.map((maxUnavailable) => ({ maxUnavailable })),
);
const security = fc.record(
  {
    runAsNonRoot: fc.boolean(),
    runAsUser: fc.integer({ min: 1, max: 65535 }),
    runAsGroup: fc.integer({ min: 0, max: 65535 }),
    fsGroup: fc.integer({ min: 0, max: 65535 }),
    readOnlyRootFilesystem: fc.boolean(),
    writableTmp: fc.boolean(),
    automountServiceAccountToken: fc.boolean(),
  },
  { requiredKeys: [] },
);

// ---- production workload fields (issue 10)
const isZeroBound = (v: number | string): boolean => v === 0 || v === '0%';
const rollout = fc
  .record(
    {
      maxSurge: intOrPercent,
      maxUnavailable: intOrPercent,
      minReadySeconds: fc.integer({ min: 0, max: 60 }),
      revisionHistoryLimit: fc.integer({ min: 0, max: 10 }),
    },
    { requiredKeys: [] },
  )
  .filter((r) => !(r.maxSurge !== undefined && r.maxUnavailable !== undefined && isZeroBound(r.maxSurge) && isZeroBound(r.maxUnavailable)));
const spread = fc.constantFrom('ScheduleAnyway', 'DoNotSchedule', 'none');
const scheduling = fc.record({ zoneSpread: spread, nodeSpread: spread, antiAffinity: fc.constantFrom('preferred', 'required') }, { requiredKeys: [] });
const serviceAccount = fc.record(
  { gcpServiceAccount: fc.stringMatching(/^[a-z][a-z0-9-]{5,20}[a-z0-9]$/).map((id) => `${id}@project-1.iam.gserviceaccount.com`) },
  { requiredKeys: [] },
);

/** A preStop sleep always fits the grace period (the rules refuse one that does not). */
const withDrainThatFits = <T extends { preStop?: { sleepSeconds: number }; terminationGracePeriodSeconds?: number }>(workload: T): T =>
  workload.preStop
    ? { ...workload, terminationGracePeriodSeconds: Math.max(workload.terminationGracePeriodSeconds ?? 30, workload.preStop.sleepSeconds + 1) }
    : workload;

const workloadFields = (serviceName: fc.Arbitrary<string>) => ({
  port,
  replicas: fc.integer({ min: 0, max: 10 }),
  resources,
  probes,
  env: fc.dictionary(
    envName.filter((k) => k !== 'SERVER_MODE'),
    trickyString,
    { maxKeys: 4 },
  ),
  imagePullPolicy: pullPolicy,
  service: fc.record({ name: serviceName, port }, { requiredKeys: [] }),
  ingressFrom: fc.array(dnsLabel(30), { maxLength: 3 }),
  autoscaling,
  disruptionBudget,
  security,
  terminationGracePeriodSeconds: fc.integer({ min: 0, max: 600 }),
  preStop: fc.integer({ min: 1, max: 120 }).map((sleepSeconds) => ({ sleepSeconds })),
  rollout,
  scheduling,
  serviceAccount,
  reloadOnChange: fc.boolean(),
});

/** Explicit Service names carry their workload's index, so two workloads never ask for the same one. */
const serviceNameFor = (index: number) => dns1035Label(55).map((name) => `s${index}-${name}`.slice(0, 63).replace(/-+$/, ''));

/** Where an HPA owns the replica count, replicas beside it is an error (see test/config); leave it out. */
const withoutReplicasUnderHpa = <T extends { replicas?: unknown; autoscaling?: unknown }>(workload: T): T => {
  if (!workload.autoscaling) return workload;
  const { replicas: _, ...rest } = workload;
  return rest as T;
};

const pool = (index: number) =>
  fc
    .record({ mode: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,15}$/), ...workloadFields(serviceNameFor(index)) }, { requiredKeys: ['mode'] })
    .map(withoutReplicasUnderHpa)
    .map(withDrainThatFits);

const secret = fc
  .oneof(
    fc.record({ gcp: fc.record({ keys: fc.dictionary(envName, fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/), { minKeys: 1, maxKeys: 4 }) }) }),
    fc.record({
      aws: fc.record({
        key: fc.stringMatching(/^[a-z][a-z0-9/_-]{0,30}$/),
        properties: fc.dictionary(envName, fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/), { minKeys: 1, maxKeys: 4 }),
      }),
    }),
  )
  .chain((provider) =>
    fc
      .record(
        {
          store: fc.record({ kind: fc.constantFrom('ClusterSecretStore', 'SecretStore'), name: dnsSubdomain }, { requiredKeys: ['name'] }),
          refreshInterval: fc.constantFrom('1h', '30m', '15s', '1h30m', '500ms'),
        },
        { requiredKeys: ['store'] },
      )
      .map((rest) => ({ ...rest, ...provider })),
  );

const CONFIG_KEYS = ['ENV', 'DB_HOST', 'DB_PORT', 'DB_USER', 'DB_NAME', 'DB_SSLMODE', 'REDIS_HOST', 'REDIS_PORT', 'WEBAUTHN_RP_ID', 'FRONTEND_URL'];
const runtimeConfig = fc.record(
  {
    env: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
    database: fc.record(
      {
        host: hostname.filter((h) => !h.startsWith('*')),
        port,
        user: fc.stringMatching(/^[a-z_][a-z0-9_]{0,15}$/),
        name: fc.stringMatching(/^[a-z_][a-z0-9_]{0,15}$/),
        sslMode: fc.constantFrom('disable', 'require', 'verify-full'),
      },
      { requiredKeys: ['host', 'user', 'name'] },
    ),
    redis: fc.record({ host: hostname.filter((h) => !h.startsWith('*')), port }, { requiredKeys: ['host'] }),
    webauthnRpId: hostname.filter((h) => !h.startsWith('*')),
    frontendUrl: hostname.filter((h) => !h.startsWith('*')).map((h) => `https://${h}`),
    extra: fc.dictionary(
      envName.filter((k) => !CONFIG_KEYS.includes(k)),
      trickyString,
      { maxKeys: 3 },
    ),
  },
  { requiredKeys: [] },
);

export type Config = Record<string, any>;

/** A valid TomodaApp: the loader must accept it (warnings allowed) and the function must render it. */
export const tomodaApp: fc.Arbitrary<Config> = fc
  .record({
    name: dnsLabel(),
    environment: fc.option(dnsLabel(20), { nil: undefined }),
    namespace: fc.option(dnsLabel(), { nil: undefined }),
    labels: fc.option(labels, { nil: undefined }),
    image,
    backendEnv: fc.option(
      fc.dictionary(
        envName.filter((k) => k !== 'SERVER_MODE'),
        trickyString,
        { maxKeys: 3 },
      ),
      { nil: undefined },
    ),
    poolNames: fc.uniqueArray(dnsLabel(), { minLength: 1, maxLength: 3 }),
    frontendName: fc.option(dnsLabel(), { nil: undefined }),
    secrets: fc.dictionary(dnsSubdomain, secret, { maxKeys: 3 }),
    config: fc.option(runtimeConfig, { nil: undefined }),
    external: fc.array(fc.tuple(fc.constantFrom('secret', 'configMap'), dnsSubdomain), { maxLength: 2 }),
    shuffle: fc.boolean(),
  })
  .chain((base) =>
    fc.record({
      base: fc.constant(base),
      pools: fc.tuple(...base.poolNames.map((_, i) => pool(i))),
      frontend: fc.option(
        fc
          .record({ image, ...workloadFields(serviceNameFor(9)) }, { requiredKeys: ['image'] })
          .map(withoutReplicasUnderHpa)
          .map(withDrainThatFits),
        { nil: undefined },
      ),
      ingress: fc.record(
        {
          name: dnsSubdomain,
          className: fc.constantFrom('traefik', 'nginx'),
          clusterIssuer: fc.constantFrom('letsencrypt-prod', 'letsencrypt-staging'),
          tlsSecretName: dnsSubdomain,
          annotations: fc.dictionary(labelKey, trickyString, { maxKeys: 2 }),
        },
        { requiredKeys: [] },
      ),
      routes: fc.array(
        fc.record({ host: hostname, path: httpPath, pathType: fc.constantFrom('Prefix', 'Exact', 'ImplementationSpecific', undefined), target: fc.nat() }),
        { maxLength: 4 },
      ),
      secretNames: fc.array(fc.option(dnsSubdomain, { nil: undefined }), { minLength: 3, maxLength: 3 }),
    }),
  )
  .map(({ base, pools, frontend, ingress, routes, secretNames }) => assemble(base, pools, frontend, ingress, routes, secretNames))
  .filter((config): config is Config => config !== undefined);

function assemble(base: any, pools: any[], frontend: any, ingress: any, routes: any[], secretNames: Array<string | undefined>): Config | undefined {
  const frontendName = base.frontendName ?? 'frontend';
  if (frontend && base.poolNames.includes(frontendName)) return undefined;
  const poolMap = Object.fromEntries(base.poolNames.map((name: string, i: number) => [name, pools[i]]));
  const workloads = [...base.poolNames.map((name: string, i: number) => [name, pools[i]]), ...(frontend ? [[frontendName, frontend]] : [])] as Array<
    [string, any]
  >;
  const served = workloads.filter(([, w]) => w.service);
  // Default Service names are <workload>-service; a workload name whose default would clash is regenerated.
  const serviceNames = served.map(([name, w]) => w.service.name ?? `${name}-service`);
  if (new Set(serviceNames).size !== serviceNames.length) return undefined;
  // A default name must itself be a DNS-1035 label; the loader rejects one that is not (see test/config).
  if (serviceNames.some((name) => name.length > 63 || !/^[a-z]/.test(name))) return undefined;

  const secretIds = Object.keys(base.secrets);
  const secrets = Object.fromEntries(secretIds.map((id, i) => [id, { ...(secretNames[i] ? { name: secretNames[i] } : {}), ...base.secrets[id] }]));
  const writtenNames = secretIds.map((id) => secrets[id].name ?? id);
  if (new Set(writtenNames).size !== writtenNames.length) return undefined;
  const config = base.config ? { ...base.config } : undefined;
  if (config && secretIds.includes(config.name ?? `backend-config-${base.environment ?? 'dev'}`)) return undefined;

  const known = [...secretIds.map((id) => `secrets.${id}`), ...(config ? ['config'] : [])];
  const external = [...new Set(base.external.map(([kind, name]: [string, string]) => `${kind}:${name}`))] as string[];
  const envFrom = base.shuffle ? [...external, ...known.reverse()] : undefined;

  const routeEntries = served.length
    ? Object.fromEntries(
        routes.map((route, i) => [
          `r${i}`,
          {
            host: route.host,
            path: `${route.path.replace(/\/$/, '')}/r${i}`,
            to: served[route.target % served.length]![0],
            ...(route.pathType ? { pathType: route.pathType } : {}),
          },
        ]),
      )
    : {};

  return {
    apiVersion: 'tomoda.life/v1alpha1',
    kind: 'TomodaApp',
    metadata: { name: base.name },
    spec: withoutUndefined({
      environment: base.environment,
      namespace: base.namespace,
      labels: base.labels,
      backend: withoutUndefined({ image: base.image, env: base.backendEnv, envFrom, pools: poolMap }),
      frontend: frontend ? { ...(base.frontendName ? { name: base.frontendName } : {}), ...frontend } : undefined,
      ingress: Object.keys(routeEntries).length ? { ...ingress, routes: routeEntries } : undefined,
      secrets: secretIds.length ? secrets : undefined,
      config,
    }),
  };
}

function withoutUndefined<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

// ---- mutations --------------------------------------------------------------------------------------------

/** Any JSON-ish value, including the ones that break naive code. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e21, -0, '', ' ', '__proto__', 'constructor', [], {}, 'a'.repeat(300)),
  trickyString,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.jsonValue({ maxDepth: 3 }),
);

const anyKey = fc.oneof(
  trickyString,
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'apiVersion', 'spec', 'name', 'app', 'app.kubernetes.io/name'),
);

export type Mutation =
  | { op: 'set'; at: number; value: unknown }
  | { op: 'delete'; at: number }
  | { op: 'add'; at: number; key: string; value: unknown }
  | { op: 'rename'; at: number; key: string };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant<'set'>('set'), at: fc.nat(), value: anyValue }),
  fc.record({ op: fc.constant<'delete'>('delete'), at: fc.nat() }),
  fc.record({ op: fc.constant<'add'>('add'), at: fc.nat(), key: anyKey, value: anyValue }),
  fc.record({ op: fc.constant<'rename'>('rename'), at: fc.nat(), key: anyKey }),
);

/** Applies mutations to a copy; `at` picks one of the containers (maps and lists) of the config, depth-first. */
export function mutate(config: Config, mutations: Mutation[]): unknown {
  const copy = structuredClone(config);
  for (const m of mutations) {
    const containers = containersOf(copy);
    const target = containers[m.at % containers.length]!;
    const keys = Object.keys(target);
    const key = keys.length ? keys[m.at % keys.length]! : undefined;
    if (m.op === 'set' && key !== undefined) (target as any)[key] = m.value;
    else if (m.op === 'delete' && key !== undefined) Array.isArray(target) ? target.splice(Number(key), 1) : delete (target as any)[key];
    else if (m.op === 'add' && !Array.isArray(target))
      Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    else if (m.op === 'add') (target as unknown[]).push(m.value);
    else if (m.op === 'rename' && key !== undefined && !Array.isArray(target)) {
      const value = (target as any)[key];
      delete (target as any)[key];
      Object.defineProperty(target, m.key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return copy;
}

function containersOf(value: unknown, out: Array<Record<string, unknown> | unknown[]> = []): Array<Record<string, unknown> | unknown[]> {
  if (typeof value !== 'object' || value === null) return out;
  out.push(value as Record<string, unknown>);
  for (const child of Object.values(value)) containersOf(child, out);
  return out;
}
