// lint: each rule fires on the mistake it is about and stays quiet on a clean pair; the ignore annotation
// silences one finding with a reason and changes nothing the function renders. Codes and paths, not prose.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { renderAll } from '../../src/render/index.js';
import { lint } from '../../src/commands/lint.js';
import type { LintTarget } from '../../src/commands/lint-rules.js';
import { runCli } from '../../src/cli.js';

type Config = Record<string, any>;

function config(environment: string): Config {
  return {
    apiVersion: 'tomoda.life/v1alpha1',
    kind: 'TomodaApp',
    metadata: { name: 'demo' },
    spec: {
      environment,
      backend: {
        image: { registry: 'registry.example.com/team', name: 'backend', tag: '1.0.0' },
        env: { GIN_MODE: 'release' },
        pools: {
          api: { mode: 'multi-hub', service: {}, autoscaling: { minReplicas: 2, maxReplicas: 4 }, disruptionBudget: { minAvailable: 1 } },
        },
      },
      ingress: { routes: { api: { host: `api-${environment}.example.com`, to: 'api' } } },
      secrets: { s3: { store: { name: 'aws' }, aws: { key: `app-s3-${environment}`, properties: { BUCKET: 'bucket' } } } },
    },
  };
}

function target(source: string, value: Config): LintTarget {
  const { app, model, results } = loadConfig(value);
  expect(results).toEqual([]);
  return { source, app: app!, model: model! };
}

const codes = (dev: Config, prod: Config) =>
  lint([target('dev.yaml', dev), target('prod.yaml', prod)]).findings.map((r) => `${r.file!.path} ${r.tags!.code} ${r.field!.path}`);

describe('lint rules', () => {
  it('finds nothing in a clean pair', () => {
    expect(codes(config('dev'), config('prod'))).toEqual([]);
  });

  it('other-environment: a dev host or URL inside prod, with the field path', () => {
    const prod = config('prod');
    prod.spec.ingress.routes.api.host = 'api-dev.example.com';
    prod.spec.backend.env.CALLBACK = 'https://dev.example.com/cb';
    const dev = config('dev');
    dev.spec.backend.env.CALLBACK = 'https://dev.example.com/cb';
    expect(codes(dev, prod)).toEqual(['prod.yaml other-environment spec.backend.env.CALLBACK', 'prod.yaml other-environment spec.ingress.routes.api.host']);
  });

  it('other-environment reads words, not substrings or top-level domains: "devices" and "pkg.dev" are not dev', () => {
    const prod = config('prod');
    prod.spec.backend.env.PATH_PREFIX = '/devices';
    prod.spec.backend.image.registry = 'asia-east1-docker.pkg.dev/team/prod-repo';
    prod.spec.backend.env.DOCS = 'https://web.dev:443/x';
    const dev = config('dev');
    Object.assign(dev.spec.backend.env, prod.spec.backend.env);
    expect(codes(dev, prod)).toEqual([]);
    prod.spec.backend.image.registry = 'asia-east1-docker.pkg.dev/team/dev-repo';
    expect(codes(dev, prod)).toEqual(['prod.yaml other-environment spec.backend.image.registry']);
  });

  it('prod rules: latest, Always, one replica, no PDB; dev is not held to them', () => {
    const prod = config('prod');
    prod.spec.backend.image.tag = 'latest';
    prod.spec.backend.pools.api.autoscaling.minReplicas = 1;
    delete prod.spec.backend.pools.api.disruptionBudget;
    const dev = structuredClone(prod);
    dev.spec.environment = 'dev';
    dev.spec.ingress.routes.api.host = 'api-dev.example.com';
    dev.spec.secrets.s3.aws.key = 'app-s3-dev';
    expect(codes(dev, prod)).toEqual([
      'prod.yaml latest-in-prod spec.backend.image.tag',
      'prod.yaml always-pull-in-prod spec.backend.pools.api.imagePullPolicy',
      'prod.yaml single-replica-in-prod spec.backend.pools.api.autoscaling.minReplicas',
      'prod.yaml no-pdb-in-prod spec.backend.pools.api.disruptionBudget',
    ]);
  });

  it('env-key-in-one-environment: with the path in the one that has it and the one that lacks it', () => {
    const dev = config('dev');
    dev.spec.backend.pools.api.env = { DEBUG_SQL: 'true' };
    const found = lint([target('dev.yaml', dev), target('prod.yaml', config('prod'))]).findings;
    expect(found.map((r) => `${r.tags!.code} ${r.field!.path}`)).toEqual(['env-key-in-one-environment spec.backend.pools.api.env.DEBUG_SQL']);
    expect(found[0]!.message).toContain('prod (prod.yaml) spec.backend.pools.api.env.DEBUG_SQL is not set');
  });

  it('remote-key-pattern: the environment name is the only part allowed to differ', () => {
    const prod = config('prod');
    prod.spec.secrets.s3.aws.key = 'app-s3-production-v2';
    expect(codes(config('dev'), prod)).toEqual(['prod.yaml remote-key-pattern spec.secrets.s3.aws.key']);
  });
});

describe('tomoda.life/lint-ignore', () => {
  const prodWithDevHost = (ignore?: string): Config => {
    const prod = config('prod');
    prod.spec.ingress.routes.api.host = 'api-dev.example.com';
    if (ignore !== undefined) prod.metadata.annotations = { 'tomoda.life/lint-ignore': ignore };
    return prod;
  };

  it('silences one finding by code and path (or a path above it), with a reason', () => {
    for (const path of ['spec.ingress.routes.api.host', 'spec.ingress', '']) {
      const outcome = lint([
        target('dev.yaml', config('dev')),
        target('prod.yaml', prodWithDevHost(`other-environment ${path}: a shared staging host, on purpose\n`)),
      ]);
      expect(outcome.findings).toEqual([]);
      expect(outcome.silenced.map((r) => r.tags!.code)).toEqual(['other-environment']);
      expect(outcome.problems).toEqual([]);
    }
  });

  it('refuses an entry without a reason or with an unknown code, and warns about one that silences nothing', () => {
    const outcome = lint([
      target('dev.yaml', config('dev')),
      target('prod.yaml', prodWithDevHost('other-environment spec.ingress\nlatest-in-prod spec.x: reason\nother-enviroment: typo\n')),
    ]);
    expect(outcome.problems.map((r) => `${r.severity} ${r.tags!.code} ${r.message}`)).toEqual([
      expect.stringMatching(/^error invalid-lint-ignore line 1: /),
      expect.stringMatching(/^error invalid-lint-ignore line 3: unknown rule "other-enviroment"; did you mean "other-environment"\?/),
      expect.stringMatching(/^warning unused-lint-ignore line 2: /),
    ]);
  });

  it('changes nothing the function renders', () => {
    const plain = loadConfig(prodWithDevHost());
    const annotated = loadConfig(prodWithDevHost('other-environment: on purpose'));
    expect(renderAll(annotated.model!, { hashSuffix: false })).toEqual(renderAll(plain.model!, { hashSuffix: false }));
  });
});

describe('lint command', () => {
  const files: Record<string, string> = {
    'dev.yaml': JSON.stringify(config('dev')),
    'prod.yaml': JSON.stringify(prodWith((c) => (c.spec.backend.env.API = 'https://api-dev.example.com'))),
    'bad.yaml': JSON.stringify({ ...config('prod'), spec: { environment: 'prod' } }),
  };
  const io = { readStdin: () => '', readFile: (path: string) => files[path] ?? '', isDirectory: () => false };

  it('exits 1 on an error finding, 0 on warnings only, and prints one line per finding', () => {
    const run = runCli(['lint', 'dev.yaml', 'prod.yaml'], io);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toMatch(/^prod\.yaml \(prod\): error: spec\.backend\.env\.API: .* \[other-environment\]$/);
    expect(runCli(['lint', 'dev.yaml', 'dev.yaml'], io)).toMatchObject({ code: 0, stdout: '0 errors, 0 warnings in dev, dev\n' });
  });

  it('reports an invalid TomodaApp with its file and field, and no findings', () => {
    const run = runCli(['lint', 'dev.yaml', 'bad.yaml'], io);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toMatch(/^tomoda-app-fn: bad\.yaml: error: spec\.backend: is required$/m);
  });
});

function prodWith(change: (c: Config) => void): Config {
  const c = config('prod');
  change(c);
  return c;
}
