import type { Model } from '../config/model.js';
import { appLabels, objectMeta, type KubeObject } from './meta.js';

/** One Ingress; routes are grouped into one rule per host, in route-name order. */
export function renderIngress(model: Model): KubeObject[] {
  const { ingress } = model;
  if (!ingress) return [];
  const services = new Map(model.workloads.flatMap((w) => (w.service ? [[w.name, w.service] as const] : [])));
  const rules = new Map<string, Array<Record<string, unknown>>>();
  for (const route of ingress.routes) {
    const service = services.get(route.to);
    if (!service) continue;
    const paths = rules.get(route.host) ?? [];
    paths.push({ path: route.httpPath, pathType: route.pathType, backend: { service: { name: service.name, port: { number: service.port } } } });
    rules.set(route.host, paths);
  }
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: objectMeta(model, ingress.name, appLabels(model), { ...ingress.annotations }),
      spec: {
        ingressClassName: ingress.className,
        ...(ingress.tlsSecretName ? { tls: [{ hosts: [...rules.keys()], secretName: ingress.tlsSecretName }] } : {}),
        rules: [...rules].map(([host, paths]) => ({ host, http: { paths } })),
      },
    },
  ];
}
