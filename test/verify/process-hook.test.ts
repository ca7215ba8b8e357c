// The post-render step in processResourceList: a renderer bug becomes one error result that says it is a bug,
// the output keeps only the input items, and the exit code is 1. A renderer is broken here on purpose.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseResourceList, serializeResourceList } from '../../src/io/resource-list.js';
import { processResourceList } from '../../src/process.js';
import * as render from '../../src/render/index.js';
import { verifyContextOf } from '../../src/verify/context.js';
import { loadConfig } from '../../src/config/load.js';
import { fullConfig, loadModel } from '../support/apps.js';
import { stringify } from 'yaml';
import { runCli } from '../../src/cli.js';

vi.mock('../../src/render/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof render>();
  return { ...original, renderAll: vi.fn(original.renderAll) };
});

const input = (config: Record<string, any>): string =>
  stringify({
    apiVersion: 'config.kubernetes.io/v1',
    kind: 'ResourceList',
    items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mine' } }],
    functionConfig: config,
  });

afterEach(() => vi.mocked(render.renderAll).mockRestore?.());

describe('the post-render checks in processResourceList', () => {
  it('pass a valid config through untouched', () => {
    const { ok, output } = processResourceList(parseResourceList(input(fullConfig())));
    expect(ok).toBe(true);
    expect(output.items.length).toBeGreaterThan(10);
  });

  it('turn a broken render into one error per finding, with no generated objects', async () => {
    const original = (await vi.importActual<typeof render>('../../src/render/index.js')).renderAll;
    vi.mocked(render.renderAll).mockImplementationOnce((app, options) =>
      original(app, options).map((object) =>
        object.kind === 'Deployment' && object.metadata.name === 'worker' ? { ...object, metadata: { ...object.metadata, name: 'Worker_1' } } : object,
      ),
    );
    const { ok, output } = processResourceList(parseResourceList(input(fullConfig())));
    expect(ok).toBe(false);
    expect(output.items).toEqual(['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mine']);
    const errors = output.results.filter((r) => r.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({
      resourceRef: { kind: 'Deployment', name: 'Worker_1' },
      field: { path: 'metadata.name' },
      tags: { code: 'invalid-name' },
    });
    expect(errors[0]!.message).toMatch(/^internal check failed on the generated objects: .*; this is a bug in tomoda-app-fn, please report it$/);
    expect(serializeResourceList(output).split('\nfunctionConfig:')[0]).not.toContain('kind: Deployment');
  });
});

describe('the same checks in the other ways of rendering', () => {
  const breakWorker = async () => {
    const original = (await vi.importActual<typeof render>('../../src/render/index.js')).renderAll;
    vi.mocked(render.renderAll).mockImplementationOnce((app, options) =>
      original(app, options).map((object) =>
        object.kind === 'Service' ? { ...object, spec: { ...(object.spec as object), selector: { app: 'nobody' } } } : object,
      ),
    );
  };

  it('`render FILE` prints nothing and exits 1', async () => {
    await breakWorker();
    const text = stringify(fullConfig());
    const result = runCli(['render', '-'], { readStdin: () => text, readFile: () => text });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^tomoda-app-fn: error \(Service\/backend-service\): spec\.selector: internal check failed on the generated objects: /m);
  });

  it('the legacy exec plugin prints nothing and exits 1', async () => {
    await breakWorker();
    const text = stringify(fullConfig());
    const result = runCli(['app/tomoda-app.yaml'], { readStdin: () => '', readFile: () => text });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('this is a bug in tomoda-app-fn, please report it');
  });
});

describe('verifyContextOf', () => {
  it('accepts a blocking budget only where the config keeps one after the warning, from the model as data', () => {
    const config = fullConfig();
    config.spec.backend.pools.api.disruptionBudget = { minAvailable: 2 };
    const { results, model } = loadConfig(config);
    expect(results.map((r) => r.tags?.code)).toEqual(['pdb-blocks-drain']);
    expect([...verifyContextOf(model!).blockingBudgetAccepted]).toEqual(['api']);
    expect([...verifyContextOf(loadModel(fullConfig())).blockingBudgetAccepted]).toEqual([]);
  });

  it('lists secret:<name> and configMap:<name> entries as provided', () => {
    const config = fullConfig();
    config.spec.backend.envFrom.push('secret:shared', 'configMap:flags');
    const { provided } = verifyContextOf(loadModel(config));
    expect([...provided.secrets]).toEqual(['shared']);
    expect([...provided.configMaps]).toEqual(['flags']);
  });
});
