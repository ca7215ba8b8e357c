// import: Kubernetes objects → the TomodaApp that renders the same topology. Deployments that run one image
// with different SERVER_MODE values become pools, a Deployment without SERVER_MODE the frontend; Services,
// HPAs, PDBs and NetworkPolicies attach to the workload they select; the Ingress becomes routes, each
// ExternalSecret a secret, the ConfigMap the backend reads spec.config. What does not fit is said in a note;
// import-diff.ts then compares what the result renders with the input, so nothing is lost without a word.
import { API_VERSION, ANNOTATION, KIND, LABEL } from '../constants.js';
import { DEFAULT_NAME, DEFAULTS } from '../config/defaults.js';
import { TYPED_CONFIG_KEYS } from '../config/model.js';
import { splitImageReference } from '../k8s/image.js';
import type { KubeObject } from '../render/index.js';
import { at, entries, isRecord, nameOf, namespaceOf, podTemplateOf, selectorMatches, stringsOf, type Fields, type PodTemplate } from '../verify/objects.js';

export interface ImportNote {
  object: string;
  path: string;
  message: string;
}

export interface Imported {
  app?: Fields;
  notes: ImportNote[];
  /** The input objects the TomodaApp stands for (the others are foreign and listed in notes). */
  used: KubeObject[];
}

const describe = (o: KubeObject): string => `${o.kind}/${nameOf(o)}`;

export function importObjects(objects: readonly KubeObject[]): Imported {
  const notes: ImportNote[] = [];
  const note = (o: KubeObject | string, path: string, message: string): void =>
    void notes.push({ object: typeof o === 'string' ? o : describe(o), path, message });
  const used = new Set<KubeObject>();
  const pods: PodTemplate[] = [];
  for (const o of objects) {
    if (o.kind !== 'Deployment' || o.apiVersion !== 'apps/v1') continue;
    const pod = podTemplateOf(o)!;
    if (entries(pod.spec.containers).length !== 1)
      note(o, 'spec.template.spec.containers', 'has more than one container; a TomodaApp workload runs one, so this Deployment is left out');
    else pods.push(pod);
  }
  const container = (pod: PodTemplate): Fields => entries(pod.spec.containers)[0]![1];
  const modeOf = (pod: PodTemplate): string | undefined =>
    entries(container(pod).env).find(([, e]) => e.name === 'SERVER_MODE')?.[1].value as string | undefined;
  const repository = (pod: PodTemplate): string => splitImageReference(String(container(pod).image ?? '')).repository;

  const backendPods = pods.filter((p) => modeOf(p) !== undefined);
  const images = [...new Set(backendPods.map(repository))];
  const backendImage = images.sort((a, b) => backendPods.filter((p) => repository(p) === b).length - backendPods.filter((p) => repository(p) === a).length)[0];
  const pools = backendPods.filter((p) => {
    if (repository(p) === backendImage) return true;
    note(p.workload, 'spec.template.spec.containers[0].image', `runs ${repository(p)}, but the pools share one image (${backendImage}); left out`);
    return false;
  });
  const others = pods.filter((p) => modeOf(p) === undefined);
  const frontend = others[0];
  for (const extra of others.slice(1))
    note(extra.workload, 'spec.template.spec.containers[0].env', 'has no SERVER_MODE and another Deployment is already the frontend; left out');
  if (!pools.length) {
    for (const o of objects) note(o, '', 'not imported: no Deployment with a SERVER_MODE env var, so there is no backend pool to attach it to');
    return { notes, used: [] };
  }
  [...pools, ...(frontend ? [frontend] : [])].forEach((p) => used.add(p.workload));

  const workloadOf = (o: KubeObject, selector: unknown, plainMap: boolean): PodTemplate | undefined =>
    [...pools, ...(frontend ? [frontend] : [])].find((p) => namespaceOf(p.workload) === namespaceOf(o) && selectorMatches(selector, p.labels, plainMap));

  // ---- objects that attach to a workload ---------------------------------------------------------------------
  const attached = new Map<PodTemplate, Fields>();
  const fieldsOf = (p: PodTemplate): Fields => attached.get(p) ?? attached.set(p, {}).get(p)!;
  const serviceOf = new Map<string, string>();
  for (const o of objects) {
    if (o.kind === 'Service') {
      const p = workloadOf(o, at(o, ['spec', 'selector']), true);
      const port = entries(at(o, ['spec', 'ports']))[0]?.[1];
      if (!p || !port) continue;
      used.add(o);
      const containerPort = entries(container(p).ports)[0]?.[1].containerPort;
      fieldsOf(p).service = {
        ...(nameOf(o) !== DEFAULT_NAME.service(nameOf(p.workload)) ? { name: nameOf(o) } : {}),
        ...(port.port !== containerPort ? { port: port.port } : {}),
      };
      serviceOf.set(nameOf(o), nameOf(p.workload));
    } else if (o.kind === 'HorizontalPodAutoscaler') {
      const p = [...pools, ...(frontend ? [frontend] : [])].find((w) => at(o, ['spec', 'scaleTargetRef', 'name']) === nameOf(w.workload));
      if (!p) continue;
      used.add(o);
      fieldsOf(p).autoscaling = autoscalingOf(o);
    } else if (o.kind === 'PodDisruptionBudget') {
      const p = workloadOf(o, at(o, ['spec', 'selector']), false);
      if (!p) continue;
      used.add(o);
      const minAvailable = at(o, ['spec', 'minAvailable']);
      fieldsOf(p).disruptionBudget = minAvailable !== undefined ? { minAvailable } : { maxUnavailable: at(o, ['spec', 'maxUnavailable']) };
    } else if (o.kind === 'NetworkPolicy') {
      const p = workloadOf(o, at(o, ['spec', 'podSelector']), false);
      if (!p) continue;
      used.add(o);
      fieldsOf(p).ingressFromPolicy = entries(at(o, ['spec', 'ingress'])).flatMap(([, rule]) =>
        entries(rule.from).flatMap(([, peer]) => {
          const name = stringsOf(at(peer, ['namespaceSelector', 'matchLabels']))['kubernetes.io/metadata.name'];
          if (name && Object.keys(peer).length === 1) return [name];
          note(o, 'spec.ingress[].from', 'a peer other than one namespace by name is not expressible (ingressFrom lists namespaces); left out');
          return [];
        }),
      );
    }
  }

  // ---- secrets, config, ingress -------------------------------------------------------------------------------
  const configMapName = pools.flatMap((p) => entries(container(p).envFrom).map(([, e]) => at(e, ['configMapRef', 'name']))).find((n) => typeof n === 'string');
  const configMap = objects.find((o) => o.kind === 'ConfigMap' && nameOf(o) === configMapName);
  if (configMap) used.add(configMap);
  const config = configMap ? configOf(configMap) : undefined;
  const environment = config?.env ?? DEFAULTS.environment;
  if (config) delete config.env;

  const secrets: Fields = {};
  const secretIdByName = new Map<string, string>();
  for (const o of objects.filter((x) => x.kind === 'ExternalSecret')) {
    const secret = secretOf(o, note);
    if (!secret) continue;
    used.add(o);
    // backend-secrets-prod becomes the id backend-secrets, so that every environment's TomodaApp has the same ids.
    const id = withoutEnvironment(nameOf(o), environment);
    secrets[id] = id === nameOf(o) ? secret : { name: nameOf(o), ...secret };
    secretIdByName.set(String(at(o, ['spec', 'target', 'name']) ?? nameOf(o)), id);
  }
  const ingresses = objects.filter((o) => o.kind === 'Ingress');
  for (const extra of ingresses.slice(1)) note(extra, '', 'a TomodaApp renders one Ingress; left out');
  const ingress = ingresses[0] ? ingressOf(ingresses[0], serviceOf, environment, note) : undefined;
  if (ingresses[0]) used.add(ingresses[0]);
  const routed = new Set(Object.values((ingress?.routes ?? {}) as Record<string, { to: string }>).map((r) => r.to));

  const workloadFields = (p: PodTemplate): Fields => {
    const c = container(p);
    const own = { ...attached.get(p) };
    const policy = own.ingressFromPolicy as string[] | undefined;
    delete own.ingressFromPolicy;
    const expected = routed.has(nameOf(p.workload)) ? DEFAULTS.ingressControllerNamespaces : [];
    const ingressFrom = policy && policy.join(',') !== expected.join(',') ? { ingressFrom: policy } : {};
    const port = entries(c.ports)[0]?.[1].containerPort;
    const role = modeOf(p) === undefined ? 'frontend' : 'backend';
    const replicas = at(p.workload, ['spec', 'replicas']);
    return {
      ...(port !== undefined && port !== DEFAULTS.port[role] ? { port } : {}),
      ...(!own.autoscaling && typeof replicas === 'number' && replicas !== DEFAULTS.replicas ? { replicas } : {}),
      ...(isRecord(c.resources) && Object.keys(c.resources).length ? { resources: c.resources } : {}),
      ...probesOf(c, role),
      ...ingressFrom,
      ...own,
    };
  };
  const envOf = (p: PodTemplate): Record<string, string> =>
    Object.fromEntries(
      entries(container(p).env)
        .filter(([, e]) => e.name !== 'SERVER_MODE' && typeof e.value === 'string')
        .map(([, e]) => [String(e.name), String(e.value)]),
    );
  const sharedEnv = Object.fromEntries(Object.entries(envOf(pools[0]!)).filter(([k, v]) => pools.every((p) => envOf(p)[k] === v)));
  const pullPolicies = new Set(pools.map((p) => container(p).imagePullPolicy));
  const envFrom = entries(container(pools[0]!).envFrom).map(([, e]) => {
    const secretName = at(e, ['secretRef', 'name']);
    if (typeof secretName === 'string') return secretIdByName.has(secretName) ? `secrets.${secretIdByName.get(secretName)}` : `secret:${secretName}`;
    const cm = String(at(e, ['configMapRef', 'name']));
    return cm === configMapName && config ? 'config' : `configMap:${cm}`;
  });

  const name =
    ingresses[0] && nameOf(ingresses[0]).endsWith('-ingress')
      ? nameOf(ingresses[0]).slice(0, -'-ingress'.length)
      : (stringsOf(pools[0]!.workload.metadata.labels)[LABEL.partOf] ?? nameOf(pools[0]!.workload));
  const namespaces = new Set([...used].map(namespaceOf));
  const labels = commonLabels([...used]);
  const app = {
    apiVersion: API_VERSION,
    kind: KIND,
    metadata: { name },
    spec: {
      environment,
      ...(namespaces.size === 1 && [...namespaces][0] ? { namespace: [...namespaces][0] } : {}),
      ...(Object.keys(labels).length ? { labels } : {}),
      backend: {
        image: imageOf(String(container(pools[0]!).image)),
        ...(Object.keys(sharedEnv).length ? { env: sharedEnv } : {}),
        ...(envFrom.length ? { envFrom } : {}),
        ...(pullPolicies.size === 1 && [...pullPolicies][0] ? { imagePullPolicy: [...pullPolicies][0] } : {}),
        pools: Object.fromEntries(
          pools.map((p) => {
            const own = Object.fromEntries(Object.entries(envOf(p)).filter(([k]) => !(k in sharedEnv)));
            return [nameOf(p.workload), { mode: modeOf(p), ...(Object.keys(own).length ? { env: own } : {}), ...workloadFields(p) }];
          }),
        ),
      },
      ...(frontend
        ? {
            frontend: {
              ...(nameOf(frontend.workload) !== DEFAULTS.frontendName ? { name: nameOf(frontend.workload) } : {}),
              image: imageOf(String(container(frontend).image)),
              ...(container(frontend).imagePullPolicy ? { imagePullPolicy: container(frontend).imagePullPolicy } : {}),
              ...(Object.keys(envOf(frontend)).length ? { env: envOf(frontend) } : {}),
              ...workloadFields(frontend),
            },
          }
        : {}),
      ...(ingress ? { ingress } : {}),
      ...(Object.keys(secrets).length ? { secrets } : {}),
      ...(config ? { config } : {}),
    },
  };
  const noted = new Set(notes.map((n) => n.object));
  for (const o of objects) if (!used.has(o) && !noted.has(describe(o))) note(o, '', `not imported: a TomodaApp renders no ${o.kind} of this shape`);
  return { app, notes, used: [...used] };
}

function imageOf(reference: string): Fields {
  const { registry, name, tag, digest } = splitImageReference(reference);
  return { ...(registry ? { registry } : {}), name, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** Labels every object carries (apart from the function's own): spec.labels. */
function commonLabels(objects: readonly KubeObject[]): Record<string, string> {
  const own = new Set<string>([LABEL.app, LABEL.name, LABEL.component, LABEL.partOf, LABEL.managedBy]);
  const [first, ...rest] = objects.map((o) => stringsOf(o.metadata.labels));
  return Object.fromEntries(Object.entries(first ?? {}).filter(([k, v]) => !own.has(k) && rest.every((l) => l[k] === v)));
}

function probesOf(c: Fields, role: 'backend' | 'frontend'): Fields {
  const path = at(c, ['livenessProbe', 'httpGet', 'path']) ?? at(c, ['readinessProbe', 'httpGet', 'path']);
  /** The timing fields of a probe that differ from the function's defaults. */
  const timing = (probe: unknown, defaults: Record<string, number> = {}): Fields =>
    Object.fromEntries(Object.entries(isRecord(probe) ? probe : {}).filter(([k, v]) => k !== 'httpGet' && defaults[k] !== v));
  const liveness = timing(c.livenessProbe, DEFAULTS.probeTiming.liveness);
  const readiness = timing(c.readinessProbe, DEFAULTS.probeTiming.readiness);
  const probes: Fields = {
    ...(typeof path === 'string' && path !== DEFAULTS.probePath[role] ? { path } : {}),
    ...(Object.keys(liveness).length ? { liveness } : {}),
    ...(Object.keys(readiness).length ? { readiness } : {}),
    ...(isRecord(c.startupProbe) ? { startup: timing(c.startupProbe) } : {}),
  };
  return Object.keys(probes).length ? { probes } : {};
}

function autoscalingOf(hpa: KubeObject): Fields {
  const metrics = entries(at(hpa, ['spec', 'metrics'])).map(([, m]) => m);
  const utilisation = (name: string): unknown =>
    metrics.find((m) => at(m, ['resource', 'name']) === name)?.resource &&
    at(
      metrics.find((m) => at(m, ['resource', 'name']) === name),
      ['resource', 'target', 'averageUtilization'],
    );
  const external = Object.fromEntries(
    metrics
      .filter((m) => m.type === 'External')
      .map((m) => {
        const metric = String(at(m, ['external', 'metric', 'name']));
        const target = at(m, ['external', 'target']) as Fields;
        const matchLabels = at(m, ['external', 'metric', 'selector', 'matchLabels']);
        return [
          metric
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-|-$/g, ''),
          {
            metric,
            ...(isRecord(matchLabels) ? { matchLabels } : {}),
            ...(target.averageValue !== undefined ? { averageValue: target.averageValue } : { value: target.value }),
          },
        ];
      }),
  );
  const window = at(hpa, ['spec', 'behavior', 'scaleDown', 'stabilizationWindowSeconds']);
  const min = at(hpa, ['spec', 'minReplicas']);
  const cpu = utilisation('cpu');
  const memory = utilisation('memory');
  return {
    ...(min !== undefined && min !== DEFAULTS.autoscaling.minReplicas ? { minReplicas: min } : {}),
    maxReplicas: at(hpa, ['spec', 'maxReplicas']),
    ...(cpu !== undefined && cpu !== DEFAULTS.autoscaling.cpuUtilization ? { cpuUtilization: cpu } : {}),
    ...(memory !== undefined && memory !== DEFAULTS.autoscaling.memoryUtilization ? { memoryUtilization: memory } : {}),
    ...(window !== undefined ? { scaleDownStabilizationWindowSeconds: window } : {}),
    ...(Object.keys(external).length ? { external } : {}),
  };
}

/** GCP: one remote secret per key (no property); AWS: one remote secret split into properties. */
function secretOf(o: KubeObject, note: (o: KubeObject, path: string, message: string) => void): Fields | undefined {
  const data = entries(at(o, ['spec', 'data'])).map(([, d]) => ({
    secretKey: String(d.secretKey),
    key: String(at(d, ['remoteRef', 'key'])),
    property: at(d, ['remoteRef', 'property']),
  }));
  const store = {
    ...(at(o, ['spec', 'secretStoreRef', 'kind']) !== DEFAULTS.secret.storeKind ? { kind: at(o, ['spec', 'secretStoreRef', 'kind']) } : {}),
    name: at(o, ['spec', 'secretStoreRef', 'name']),
  };
  const refresh = at(o, ['spec', 'refreshInterval']);
  const common = { store, ...(refresh !== undefined && refresh !== DEFAULTS.secret.refreshInterval ? { refreshInterval: refresh } : {}) };
  const target = at(o, ['spec', 'target', 'name']);
  if (target !== undefined && target !== nameOf(o))
    note(o, 'spec.target.name', `the Secret is named ${String(target)}, unlike the ExternalSecret; a TomodaApp names both the same`);
  if (data.length && data.every((d) => d.property === undefined))
    return { ...common, gcp: { keys: Object.fromEntries(data.map((d) => [d.secretKey, d.key])) } };
  const keys = new Set(data.map((d) => d.key));
  if (data.length && keys.size === 1 && data.every((d) => typeof d.property === 'string')) {
    return { ...common, aws: { key: [...keys][0], properties: Object.fromEntries(data.map((d) => [d.secretKey, d.property])) } };
  }
  note(
    o,
    'spec.data',
    'mixes remote keys with and without properties, or splits more than one remote secret; a TomodaApp secret is one or the other; left out',
  );
  return undefined;
}

type ConfigKey = (typeof TYPED_CONFIG_KEYS)[number];

/** The typed keys become spec.config fields, the rest spec.config.extra. */
function configOf(o: KubeObject): Fields & { env?: string } {
  const data = stringsOf(o.data);
  const has = (key: ConfigKey): boolean => data[key] !== undefined;
  const typed = new Set<string>(TYPED_CONFIG_KEYS);
  const database = has('DB_HOST') && has('DB_USER') && has('DB_NAME');
  const redis = has('REDIS_HOST');
  const taken = new Set<string>([
    'ENV',
    'WEBAUTHN_RP_ID',
    'FRONTEND_URL',
    ...(database ? ['DB_HOST', 'DB_PORT', 'DB_USER', 'DB_NAME', 'DB_SSLMODE'] : []),
    ...(redis ? ['REDIS_HOST', 'REDIS_PORT'] : []),
  ]);
  const extra = Object.fromEntries(Object.entries(data).filter(([k]) => !taken.has(k) || !typed.has(k)));
  const port = (value: string | undefined, fallback: number): Fields => (value !== undefined && Number(value) !== fallback ? { port: Number(value) } : {});
  return {
    ...(data.ENV !== undefined ? { env: data.ENV } : {}),
    name: nameOf(o),
    ...(database
      ? {
          database: {
            host: data.DB_HOST,
            ...port(data.DB_PORT, DEFAULTS.database.port),
            user: data.DB_USER,
            name: data.DB_NAME,
            ...(data.DB_SSLMODE && data.DB_SSLMODE !== DEFAULTS.database.sslMode ? { sslMode: data.DB_SSLMODE } : {}),
          },
        }
      : {}),
    ...(redis ? { redis: { host: data.REDIS_HOST, ...port(data.REDIS_PORT, DEFAULTS.redis.port) } } : {}),
    ...(data.WEBAUTHN_RP_ID !== undefined ? { webauthnRpId: data.WEBAUTHN_RP_ID } : {}),
    ...(data.FRONTEND_URL !== undefined ? { frontendUrl: data.FRONTEND_URL } : {}),
    ...(Object.keys(extra).length ? { extra } : {}),
  };
}

function ingressOf(
  o: KubeObject,
  serviceOf: ReadonlyMap<string, string>,
  environment: string,
  note: (o: KubeObject, path: string, message: string) => void,
): Fields {
  const annotations = { ...stringsOf(o.metadata.annotations) };
  const clusterIssuer = annotations[ANNOTATION.clusterIssuer];
  delete annotations[ANNOTATION.clusterIssuer];
  const tls = entries(at(o, ['spec', 'tls']))[0]?.[1];
  const routes: Fields = {};
  entries(at(o, ['spec', 'rules'])).forEach(([i, rule]) => {
    const host = String(rule.host);
    entries(at(rule, ['http', 'paths'])).forEach(([j, path]) => {
      const service = String(at(path, ['backend', 'service', 'name']));
      const to = serviceOf.get(service);
      if (!to) return note(o, `spec.rules[${i}].http.paths[${j}]`, `routes to Service ${service}, which selects no imported workload; left out`);
      // Keyed by the host's first label without the environment (api-dev → api), so environments share route ids.
      let id = withoutEnvironment(host.split('.')[0]!.replace(/[^a-z0-9-]/g, '-'), environment);
      if (path.path !== DEFAULTS.ingress.path)
        id = `${id}-${String(path.path)
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '')}`;
      while (routes[id]) id = `${id}-${j}`;
      routes[id] = {
        host,
        to,
        ...(path.path !== DEFAULTS.ingress.path ? { path: path.path } : {}),
        ...(path.pathType !== DEFAULTS.ingress.pathType ? { pathType: path.pathType } : {}),
      };
    });
  });
  const className = at(o, ['spec', 'ingressClassName']);
  return {
    ...(nameOf(o) ? { name: nameOf(o) } : {}),
    ...(className !== undefined && className !== DEFAULTS.ingress.className ? { className } : {}),
    ...(clusterIssuer ? { clusterIssuer } : {}),
    ...(tls?.secretName ? { tlsSecretName: tls.secretName } : {}),
    ...(Object.keys(annotations).length ? { annotations } : {}),
    routes,
  };
}

const withoutEnvironment = (name: string, environment: string): string => (name.endsWith(`-${environment}`) ? name.slice(0, -environment.length - 1) : name);
