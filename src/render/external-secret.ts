import { EXTERNAL_SECRETS_API_VERSION } from '../constants.js';
import { sortedEntries, type Model } from '../config/model.js';
import type { Secret, TomodaApp } from '../config/schema.js';
import { appLabels, objectMeta, type KubeObject } from './meta.js';

/** GCP secrets map each key to its own remote secret; an AWS secret is one JSON document split into properties. */
export function renderExternalSecrets(app: TomodaApp, model: Model): KubeObject[] {
  return sortedEntries(app.spec.secrets ?? {}).map(([id, secret]) => renderExternalSecret(model, secret.name ?? id, secret));
}

function renderExternalSecret(model: Model, name: string, secret: Secret): KubeObject {
  const data = secret.gcp
    ? sortedEntries(secret.gcp.keys).map(([secretKey, key]) => ({ secretKey, remoteRef: { key } }))
    : sortedEntries(secret.aws?.properties ?? {}).map(([secretKey, property]) => ({ secretKey, remoteRef: { key: secret.aws!.key, property } }));
  return {
    apiVersion: EXTERNAL_SECRETS_API_VERSION,
    kind: 'ExternalSecret',
    metadata: objectMeta(model, name, appLabels(model)),
    spec: {
      refreshInterval: secret.refreshInterval,
      secretStoreRef: { kind: secret.store.kind, name: secret.store.name },
      target: { name, creationPolicy: 'Owner' },
      data,
    },
  };
}
