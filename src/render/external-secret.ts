import { EXTERNAL_SECRETS_API_VERSION } from '../constants.js';
import type { Model, ResolvedSecret } from '../config/model.js';
import { appLabels, objectMeta, syncWave, type KubeObject } from './meta.js';

export function renderExternalSecrets(model: Model): KubeObject[] {
  return model.secrets.map((secret) => renderExternalSecret(model, secret));
}

function renderExternalSecret(model: Model, secret: ResolvedSecret): KubeObject {
  return {
    apiVersion: EXTERNAL_SECRETS_API_VERSION,
    kind: 'ExternalSecret',
    metadata: objectMeta(model, secret.name, appLabels(model), syncWave(model)),
    spec: {
      refreshInterval: secret.refreshInterval,
      secretStoreRef: { ...secret.store },
      target: { name: secret.name, creationPolicy: 'Owner' },
      data: secret.data.map(({ secretKey, remoteRef }) => ({ secretKey, remoteRef: { ...remoteRef } })),
    },
  };
}
