import { ANNOTATION } from '../constants.js';
import { sortedEntries, type Model } from '../config/model.js';
import type { TomodaApp } from '../config/schema.js';
import { appLabels, objectMeta, type KubeObject } from './meta.js';

/** One Ingress; routes are grouped into one rule per host, in route-name order. */
export function renderIngress(app: TomodaApp, model: Model): KubeObject[] {
  const ingress = app.spec.ingress;
  if (!ingress) return [];
  const services = new Map(model.workloads.flatMap((w) => (w.service ? [[w.name, w.service] as const] : [])));
  const rules = new Map<string, Array<Record<string, unknown>>>();
  for (const [, route] of sortedEntries(ingress.routes)) {
    const service = services.get(route.to);
    if (!service) continue;
    const paths = rules.get(route.host) ?? [];
    paths.push({ path: route.path, pathType: route.pathType, backend: { service: { name: service.name, port: { number: service.port } } } });
    rules.set(route.host, paths);
  }
  const name = ingress.name ?? `${app.metadata.name}-ingress`;
  const tlsSecretName = ingress.tlsSecretName ?? (ingress.clusterIssuer ? `${name}-tls` : undefined);
  const annotations = { ...ingress.annotations, ...(ingress.clusterIssuer ? { [ANNOTATION.clusterIssuer]: ingress.clusterIssuer } : {}) };
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: objectMeta(model, name, appLabels(model), Object.fromEntries(sortedEntries(annotations))),
      spec: {
        ingressClassName: ingress.className,
        ...(tlsSecretName ? { tls: [{ hosts: [...rules.keys()], secretName: tlsSecretName }] } : {}),
        rules: [...rules].map(([host, paths]) => ({ host, http: { paths } })),
      },
    },
  ];
}
