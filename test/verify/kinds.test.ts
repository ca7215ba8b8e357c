import { describe, expect, it } from 'vitest';
import { renderAll } from '../../src/render/index.js';
import { verifyRendered } from '../../src/verify/index.js';
import { CHECKED_KINDS } from '../../src/verify/kinds.js';
import { processResourceList } from '../../src/process.js';
import { parseResourceList } from '../../src/io/resource-list.js';
import { stringify } from 'yaml';
import { everyKindConfig, fullConfig, loadModel } from '../support/apps.js';
import { codes } from './support.js';

describe('the kinds the checks cover', () => {
  it('are exactly the kinds the function emits', () => {
    const config = everyKindConfig();
    config.spec.backend.serviceAccount = { gcpServiceAccount: 'backend@project-1.iam.gserviceaccount.com' }; // a ServiceAccount too
    const emitted = new Set(renderAll(loadModel(config), { hashSuffix: false }).map((o) => `${o.apiVersion}/${o.kind}`));
    expect([...emitted].sort()).toEqual(Object.keys(CHECKED_KINDS).sort());
  });

  it('report an object of any other kind instead of passing it unchecked', () => {
    const objects = [
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db' },
        spec: { template: { spec: { containers: [{ name: 'db', securityContext: { privileged: true } }] } } },
      },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'plain' } },
    ];
    expect(codes(verifyRendered(objects))).toEqual(['unknown-kind StatefulSet/db kind', 'unknown-kind Secret/plain kind']);
  });
});

describe('work on many pools', () => {
  it('grows about linearly: 2,000 pools with Services, HPAs, PDBs and routes are processed in seconds', () => {
    const config = fullConfig();
    const pools: Record<string, unknown> = {};
    const routes: Record<string, unknown> = {};
    for (let i = 0; i < 2000; i++) {
      const name = `pool-${i}`;
      pools[name] = { mode: 'async', service: {}, autoscaling: { minReplicas: 2, maxReplicas: 4 }, disruptionBudget: { maxUnavailable: 1 } };
      if (i % 10 === 0) routes[`r${i}`] = { host: `${name}.example.com`, to: name };
    }
    config.spec.backend.pools = pools;
    config.spec.backend.envFrom = ['config'];
    delete config.spec.frontend;
    config.spec.ingress.routes = routes;
    const input = stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: [], functionConfig: config });
    const started = performance.now();
    const { ok, output } = processResourceList(parseResourceList(input));
    const seconds = (performance.now() - started) / 1000;
    expect(ok).toBe(true);
    expect(output.items.length).toBe(2000 * 5 + 4); // Deployment, Service, policy, HPA, PDB per pool; ConfigMap, 2 secrets, Ingress
    expect(seconds).toBeLessThan(20); // the checks that scanned every object per object took over 35 s here
  }, 60_000);
});
