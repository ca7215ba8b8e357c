// `graph`: a Mermaid flowchart of rendered objects. Ingress hosts → Services → workloads (mode, replica range,
// HPA metrics, PDB), the Secrets and ConfigMaps each workload reads and the stores they come from, and who may
// reach whom under the NetworkPolicies. Built from the objects alone, so it shows what the cluster would get.
import type { KubeObject } from '../render/index.js';
import {
  at,
  containersOf,
  entries,
  indexPods,
  isRecord,
  nameOf,
  namespaceOf,
  podTemplatesOf,
  stringsOf,
  type Fields,
  type PodIndex,
  type PodTemplate,
} from '../verify/objects.js';

/** Edge styles: traffic, reads, allowed by a NetworkPolicy, provides. */
const ARROW = { traffic: '-->', reads: '-.->', allowed: '==>', provides: '-->' } as const;

interface Node {
  id: string;
  shape: [string, string];
  lines: string[];
}

interface Edge {
  from: string;
  to: string;
  arrow: string;
  label?: string;
}

/** Node ids from names: letters, digits and "_" only, with a kind prefix (so "end" and the like never appear bare). */
class Nodes {
  private readonly byKey = new Map<string, Node>();
  private readonly used = new Set<string>();

  get(key: string): Node | undefined {
    return this.byKey.get(key);
  }

  add(key: string, prefix: string, name: string, shape: [string, string], lines: string[]): Node {
    const existing = this.byKey.get(key);
    if (existing) return existing;
    const base = `${prefix}_${name.replace(/[^A-Za-z0-9]+/g, '_')}`;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}_${n}`;
    this.used.add(id);
    const node = { id, shape, lines };
    this.byKey.set(key, node);
    return node;
  }

  all(): Node[] {
    return [...this.byKey.values()];
  }
}

const SHAPE = {
  host: ['([', '])'],
  service: ['[', ']'],
  workload: ['[', ']'],
  data: ['[(', ')]'],
  store: ['[/', '/]'],
  source: ['{{', '}}'],
} as const satisfies Record<string, [string, string]>;

const keyOf = (kind: string, namespace: string, name: string): string => `${kind}\u0000${namespace}\u0000${name}`;

export function graphOf(objects: readonly KubeObject[]): string {
  const nodes = new Nodes();
  const edges: Edge[] = [];
  const pods = podTemplatesOf(objects);
  const index = indexPods(pods);
  const workloadNode = new Map<PodTemplate, Node>();
  for (const pod of pods)
    workloadNode.set(
      pod,
      nodes.add(keyOf('workload', namespaceOf(pod.workload), nameOf(pod.workload)), 'w', nameOf(pod.workload), SHAPE.workload, workloadLines(pod, objects)),
    );

  const byKind = (kind: string): KubeObject[] => objects.filter((o) => o.kind === kind);
  for (const hpa of byKind('HorizontalPodAutoscaler')) attachHpa(hpa, pods, workloadNode);
  for (const scaler of byKind('ScaledObject')) attachScaledObject(scaler, pods, workloadNode);
  for (const pdb of byKind('PodDisruptionBudget')) {
    for (const pod of index.select(at(pdb, ['spec', 'selector']), namespaceOf(pdb))) workloadNode.get(pod)!.lines.push(`PDB ${budgetOf(pdb)}`);
  }

  for (const service of byKind('Service')) {
    const node = serviceNode(nodes, namespaceOf(service), nameOf(service), service);
    for (const pod of index.select(at(service, ['spec', 'selector']), namespaceOf(service), true))
      edges.push({ from: node.id, to: workloadNode.get(pod)!.id, arrow: ARROW.traffic });
  }

  for (const ingress of byKind('Ingress')) edges.push(...ingressEdges(ingress, nodes));

  for (const pod of pods) edges.push(...readEdges(pod, workloadNode.get(pod)!, nodes, objects));
  for (const externalSecret of byKind('ExternalSecret')) edges.push(externalSecretEdge(externalSecret, nodes));

  for (const policy of byKind('NetworkPolicy')) edges.push(...policyEdges(policy, index, workloadNode, nodes));

  return [
    'flowchart LR',
    ...nodes.all().map((node) => `  ${node.id}${node.shape[0]}"${node.lines.map(escape).join('<br/>')}"${node.shape[1]}`),
    ...unique(edges).map((edge) => `  ${edge.from} ${edge.arrow}${edge.label ? `|"${escape(edge.label)}"|` : ''} ${edge.to}`),
    '',
  ].join('\n');
}

function workloadLines(pod: PodTemplate, objects: readonly KubeObject[]): string[] {
  const container = containersOf(pod.spec).find((c) => c.list === 'containers')?.fields ?? {};
  const mode = entries(container.env).find(([, env]) => env.name === 'SERVER_MODE')?.[1].value;
  const image = typeof container.image === 'string' ? container.image.slice(container.image.lastIndexOf('/') + 1) : undefined;
  return [
    `${pod.workload.kind} ${nameOf(pod.workload)}`,
    ...(typeof mode === 'string' ? [`SERVER_MODE=${mode}`] : []),
    ...(image ? [image] : []),
    runsLine(pod.workload, objects),
  ];
}

/** How a workload runs: its replica range (an HPA's or a ScaledObject's, else spec.replicas), a Job's hook, a CronJob's schedule. */
function runsLine(workload: KubeObject, objects: readonly KubeObject[]): string {
  if (workload.kind === 'CronJob') return `schedule ${String(at(workload, ['spec', 'schedule']))}`;
  if (workload.kind === 'Job') {
    const hook = stringsOf(workload.metadata.annotations)['argocd.argoproj.io/hook'];
    return `runs to completion${hook ? ` (Argo CD ${hook} hook)` : ''}`;
  }
  const scaler = objects.find((o) => (o.kind === 'HorizontalPodAutoscaler' || o.kind === 'ScaledObject') && targets(o, workload));
  if (scaler?.kind === 'ScaledObject')
    return `replicas ${String(at(scaler, ['spec', 'minReplicaCount']) ?? 0)}–${String(at(scaler, ['spec', 'maxReplicaCount']) ?? 100)}`;
  if (scaler) return `replicas ${String(at(scaler, ['spec', 'minReplicas']) ?? 1)}–${String(at(scaler, ['spec', 'maxReplicas']))}`;
  return `replicas ${String(at(workload, ['spec', 'replicas']) ?? 1)}`;
}

const targets = (hpa: KubeObject, workload: KubeObject): boolean =>
  namespaceOf(hpa) === namespaceOf(workload) &&
  at(hpa, ['spec', 'scaleTargetRef', 'kind']) === workload.kind &&
  at(hpa, ['spec', 'scaleTargetRef', 'name']) === nameOf(workload);

function attachHpa(hpa: KubeObject, pods: readonly PodTemplate[], workloadNode: ReadonlyMap<PodTemplate, Node>): void {
  const pod = pods.find((p) => targets(hpa, p.workload));
  if (pod)
    workloadNode.get(pod)!.lines.push(
      `HPA ${entries(at(hpa, ['spec', 'metrics']))
        .map(([, metric]) => metricOf(metric))
        .join(', ')}`,
    );
}

function attachScaledObject(scaler: KubeObject, pods: readonly PodTemplate[], workloadNode: ReadonlyMap<PodTemplate, Node>): void {
  const pod = pods.find((p) => targets(scaler, p.workload));
  const triggers = entries(at(scaler, ['spec', 'triggers'])).map(([, trigger]) => {
    const list = at(trigger, ['metadata', 'listName']);
    return `${String(trigger.type)}${typeof list === 'string' ? ` ${list}` : ''}`;
  });
  if (pod) workloadNode.get(pod)!.lines.push(`KEDA ${triggers.join(', ')}`);
}

function metricOf(metric: Fields): string {
  const resource = at(metric, ['resource']);
  if (isRecord(resource)) return `${String(resource.name)} ${targetOf(resource.target)}`;
  const external = at(metric, ['external']);
  if (isRecord(external)) return `${String(at(external, ['metric', 'name']))} ${targetOf(external.target)}`;
  return String(metric.type);
}

function targetOf(target: unknown): string {
  if (!isRecord(target)) return '';
  if (target.averageUtilization !== undefined) return `${String(target.averageUtilization)}%`;
  if (target.averageValue !== undefined) return `${String(target.averageValue)}/pod`;
  return String(target.value ?? '');
}

function budgetOf(pdb: KubeObject): string {
  const minAvailable = at(pdb, ['spec', 'minAvailable']);
  return minAvailable !== undefined ? `minAvailable ${String(minAvailable)}` : `maxUnavailable ${String(at(pdb, ['spec', 'maxUnavailable']))}`;
}

function serviceNode(nodes: Nodes, namespace: string, name: string, service?: KubeObject): Node {
  const ports = entries(at(service, ['spec', 'ports'])).map(([, port]) => `:${String(port.port)}`);
  return nodes.add(keyOf('Service', namespace, name), 's', name, SHAPE.service, [
    `Service ${name}${ports.length ? ` ${ports.join(' ')}` : service ? '' : ' (not among the objects)'}`,
  ]);
}

function ingressEdges(ingress: KubeObject, nodes: Nodes): Edge[] {
  const namespace = namespaceOf(ingress);
  const tls = new Map(
    entries(at(ingress, ['spec', 'tls'])).flatMap(([, entry]) =>
      Array.isArray(entry.hosts) ? entry.hosts.map((host) => [String(host), String(entry.secretName)] as const) : [],
    ),
  );
  return entries(at(ingress, ['spec', 'rules'])).flatMap(([, rule]) => {
    const host = typeof rule.host === 'string' ? rule.host : '*';
    const secret = tls.get(host);
    const hostNode = nodes.add(keyOf('host', namespace, host), 'h', host, SHAPE.host, [
      `${secret ? 'https' : 'http'}://${host}`,
      ...(secret ? [`TLS ${secret}`] : []),
    ]);
    return entries(at(rule, ['http', 'paths'])).flatMap(([, path]): Edge[] => {
      const name = at(path, ['backend', 'service', 'name']);
      if (typeof name !== 'string') return [];
      const service = nodes.get(keyOf('Service', namespace, name)) ?? serviceNode(nodes, namespace, name);
      return [{ from: hostNode.id, to: service.id, arrow: ARROW.traffic, label: `${String(path.path ?? '/')} (Ingress ${nameOf(ingress)})` }];
    });
  });
}

/** The Secrets and ConfigMaps a workload's containers read: envFrom, env valueFrom, and volumes. */
function readEdges(pod: PodTemplate, workload: Node, nodes: Nodes, objects: readonly KubeObject[]): Edge[] {
  const namespace = namespaceOf(pod.workload);
  const refs: Array<['Secret' | 'ConfigMap', unknown, string]> = [];
  for (const { fields } of containersOf(pod.spec)) {
    for (const [, source] of entries(fields.envFrom)) {
      refs.push(['Secret', at(source, ['secretRef', 'name']), 'envFrom'], ['ConfigMap', at(source, ['configMapRef', 'name']), 'envFrom']);
    }
    for (const [, env] of entries(fields.env)) {
      refs.push(
        ['Secret', at(env, ['valueFrom', 'secretKeyRef', 'name']), `env ${String(env.name)}`],
        ['ConfigMap', at(env, ['valueFrom', 'configMapKeyRef', 'name']), `env ${String(env.name)}`],
      );
    }
  }
  for (const [, volume] of entries(pod.spec.volumes)) {
    refs.push(['Secret', at(volume, ['secret', 'secretName']), 'volume'], ['ConfigMap', at(volume, ['configMap', 'name']), 'volume']);
  }
  return refs.flatMap(([kind, name, how]): Edge[] =>
    typeof name === 'string' ? [{ from: workload.id, to: dataNode(nodes, kind, namespace, name, objects).id, arrow: ARROW.reads, label: how }] : [],
  );
}

function dataNode(nodes: Nodes, kind: 'Secret' | 'ConfigMap', namespace: string, name: string, objects: readonly KubeObject[]): Node {
  const object = objects.find((o) => o.kind === kind && o.apiVersion === 'v1' && nameOf(o) === name && namespaceOf(o) === namespace);
  const keys = object && isRecord(object.data) ? ` (${Object.keys(object.data).length} keys)` : '';
  return nodes.add(keyOf(kind, namespace, name), kind === 'Secret' ? 'sec' : 'cm', name, SHAPE.data, [`${kind} ${name}${keys}`]);
}

/** An ExternalSecret writes a Secret from a store: store → Secret, labelled with the ExternalSecret and its keys. */
function externalSecretEdge(externalSecret: KubeObject, nodes: Nodes): Edge {
  const namespace = namespaceOf(externalSecret);
  const storeKind = String(at(externalSecret, ['spec', 'secretStoreRef', 'kind']) ?? 'SecretStore');
  const storeName = String(at(externalSecret, ['spec', 'secretStoreRef', 'name']));
  const store = nodes.add(keyOf(storeKind, storeKind === 'ClusterSecretStore' ? '' : namespace, storeName), 'store', storeName, SHAPE.store, [
    `${storeKind} ${storeName}`,
  ]);
  const target = at(externalSecret, ['spec', 'target', 'name']);
  const secretName = typeof target === 'string' ? target : nameOf(externalSecret);
  const secret = nodes.add(keyOf('Secret', namespace, secretName), 'sec', secretName, SHAPE.data, [`Secret ${secretName}`]);
  const keys = entries(at(externalSecret, ['spec', 'data'])).map(([, entry]) => at(entry, ['remoteRef', 'key']));
  const remotes = new Set(keys.filter((key) => typeof key === 'string'));
  return {
    from: store.id,
    to: secret.id,
    arrow: ARROW.provides,
    label: `ExternalSecret ${nameOf(externalSecret)}: ${keys.length} keys from ${remotes.size} remote ${remotes.size === 1 ? 'secret' : 'secrets'}`,
  };
}

/**
 * Who may reach the selected pods (ingress) and whom they may reach (egress): namespaces, pods, IP blocks. A
 * policy that guards a direction and lists no rule for it denies it all, which the workload's node says.
 */
function policyEdges(policy: KubeObject, index: PodIndex, workloadNode: ReadonlyMap<PodTemplate, Node>, nodes: Nodes): Edge[] {
  const namespace = namespaceOf(policy);
  const selected = index.select(at(policy, ['spec', 'podSelector']), namespace);
  const types = at(policy, ['spec', 'policyTypes']);
  const guards = (direction: 'Ingress' | 'Egress'): boolean => (Array.isArray(types) ? types.includes(direction) : direction === 'Ingress');
  return (['Ingress', 'Egress'] as const).flatMap((direction) => {
    const rules = entries(at(policy, ['spec', direction.toLowerCase()]));
    if (guards(direction) && rules.length === 0)
      for (const pod of selected) workloadNode.get(pod)!.lines.push(`NetworkPolicy ${nameOf(policy)}: no ${direction.toLowerCase()}`);
    const peerField = direction === 'Ingress' ? 'from' : 'to';
    return rules.flatMap(([, rule]) => {
      const ports = entries(rule.ports).map(([, port]) => `:${String(port.port)}`);
      const label = `${direction === 'Egress' ? 'egress ' : ''}NetworkPolicy ${nameOf(policy)}${ports.length ? ` ${[...new Set(ports)].join(' ')}` : ''}`;
      const peers = Array.isArray(rule[peerField])
        ? entries(rule[peerField]).flatMap(([, peer]) => peerNodes(peer, namespace, index, workloadNode, nodes))
        : [anySource(nodes)];
      return peers.flatMap((peer) =>
        selected.map((pod) => {
          const own = workloadNode.get(pod)!.id;
          return direction === 'Ingress' ? { from: peer.id, to: own, arrow: ARROW.allowed, label } : { from: own, to: peer.id, arrow: ARROW.allowed, label };
        }),
      );
    });
  });
}

function peerNodes(peer: Fields, namespace: string, index: PodIndex, workloadNode: ReadonlyMap<PodTemplate, Node>, nodes: Nodes): Node[] {
  if (isRecord(peer.ipBlock)) {
    const cidr = String(peer.ipBlock.cidr);
    return [nodes.add(keyOf('ipBlock', '', cidr), 'ip', cidr, SHAPE.source, [`ipBlock ${cidr}`])];
  }
  if (isRecord(peer.namespaceSelector)) {
    const labels = stringsOf(peer.namespaceSelector.matchLabels);
    const name = labels['kubernetes.io/metadata.name'];
    const text = name
      ? `namespace ${name}`
      : Object.keys(labels).length
        ? `namespaces ${Object.entries(labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')}`
        : 'every namespace';
    const pods = isRecord(peer.podSelector)
      ? ` (pods ${
          Object.entries(stringsOf(peer.podSelector.matchLabels))
            .map(([k, v]) => `${k}=${v}`)
            .join(', ') || 'all'
        })`
      : '';
    return [nodes.add(keyOf('peer', '', text + pods), 'ns', name ?? 'namespaces', SHAPE.source, [text + pods])];
  }
  if (isRecord(peer.podSelector)) return index.select(peer.podSelector, namespace).map((pod) => workloadNode.get(pod)!);
  return [anySource(nodes)];
}

const anySource = (nodes: Nodes): Node => nodes.add(keyOf('any', '', ''), 'any', 'peer', SHAPE.source, ['anywhere']);

/** Label text inside "…": Mermaid reads entity codes; a quote would end the label. */
const escape = (text: string): string => text.replace(/[#"<>]/g, (c) => `#${c.charCodeAt(0)};`);

function unique(edges: readonly Edge[]): Edge[] {
  const seen = new Set<string>();
  return edges.filter((edge) => {
    const key = `${edge.from} ${edge.arrow} ${edge.to} ${edge.label ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
