import { NAMESPACE_NAME_LABEL } from '../constants.js';
import { DNS_PORT, type EgressRule, type Model, type ResolvedEgress, type Workload } from '../config/model.js';
import { selector, workloadMeta, type KubeObject } from './meta.js';

/**
 * One policy per workload. Ingress: only from the listed namespaces on the container port, from the app's
 * workloads whose egress names this one, and from the metrics scrapers on the metrics port; nothing listed means
 * deny all ingress. Egress, where the config locks it down: DNS, then the allowances, everything else denied.
 */
export function renderNetworkPolicy(model: Model, workload: Workload): KubeObject {
  const ingress = ingressRules(workload);
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: workloadMeta(model, workload, `${workload.name}-policy`),
    spec: {
      podSelector: { matchLabels: selector(workload) },
      policyTypes: workload.egress ? ['Ingress', 'Egress'] : ['Ingress'],
      ...(ingress.length ? { ingress } : {}),
      ...(workload.egress ? { egress: egressRules(workload.egress) } : {}),
    },
  };
}

function ingressRules(workload: Workload): Array<Record<string, unknown>> {
  const fromNamespaces = workload.ingressFrom.map(namespacePeer);
  const scrapers =
    workload.monitoring?.scrapedFrom.filter((namespace) => !(workload.monitoring!.port === workload.port && workload.ingressFrom.includes(namespace))) ?? [];
  return [
    ...(fromNamespaces.length && workload.port !== undefined ? [{ from: fromNamespaces, ports: [tcp(workload.port)] }] : []),
    ...workload.ingressFromWorkloads.map((source) => ({
      from: [{ podSelector: { matchLabels: selector(source) } }],
      ports: source.ports.map((port) => ({ protocol: source.protocol, port })),
    })),
    ...(scrapers.length ? [{ from: scrapers.map(namespacePeer), ports: [tcp(workload.monitoring!.port)] }] : []),
  ];
}

function egressRules(egress: ResolvedEgress): Array<Record<string, unknown>> {
  const dns = egress.dns
    ? [
        {
          to: [
            { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: egress.dns.namespace } }, podSelector: { matchLabels: { ...egress.dns.podLabels } } },
          ],
          ports: [
            { protocol: 'UDP', port: DNS_PORT },
            { protocol: 'TCP', port: DNS_PORT },
          ],
        },
      ]
    : [];
  return [...dns, ...egress.rules.map(egressRule)];
}

function egressRule(rule: EgressRule): Record<string, unknown> {
  const to =
    'workload' in rule.to
      ? { podSelector: { matchLabels: selector({ name: rule.to.workload }) } }
      : 'ownNamespace' in rule.to
        ? { podSelector: {} } // every pod of the policy's own namespace
        : 'cidr' in rule.to
          ? { ipBlock: { cidr: rule.to.cidr, ...(rule.to.except.length ? { except: [...rule.to.except] } : {}) } }
          : { ...namespacePeer(rule.to.namespace), ...(rule.to.podLabels ? { podSelector: { matchLabels: { ...rule.to.podLabels } } } : {}) };
  return { to: [to], ...(rule.ports.length ? { ports: rule.ports.map((port) => ({ protocol: rule.protocol, port })) } : {}) };
}

const namespacePeer = (namespace: string) => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } } });
const tcp = (port: number) => ({ protocol: 'TCP', port });
