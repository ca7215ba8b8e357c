// What the API server (or the runtime that pulls and runs the pod) refuses, the config refuses, with a field path;
// what it accepts, the config accepts. Each case names the class it stands for.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { fullConfig } from '../support/apps.js';

type Config = Record<string, any>;
const problems = (change: (config: Config) => void): string[] => {
  const config = fullConfig();
  change(config);
  return loadConfig(config).results.map((r) => `${r.tags?.code} ${r.field?.path ?? ''}`.trim());
};
const refused = (change: (config: Config) => void, path: string): void => expect(problems(change)).toContain(`invalid-value ${path}`);
const outOfRange = (change: (config: Config) => void, path: string): void => expect(problems(change)).toContain(`out-of-range ${path}`);
const accepted = (change: (config: Config) => void): void => expect(problems(change)).toEqual([]);

const image = (config: Config) => config.spec.backend.image;
const api = (config: Config) => config.spec.backend.pools.api;

describe('image references (the OCI / distribution reference grammar)', () => {
  it.each([
    ['a tag inside the name', { name: 'backend:1.0' }],
    ['a digest inside the name', { name: `backend@sha256:${'a'.repeat(64)}` }],
    ['hello:1.2 with tag 1.2.3 (hello:1.2:1.2.3)', { registry: undefined, name: 'hello:1.2', tag: '1.2.3' }],
    ['an uppercase repository', { name: 'Backend' }],
    ['a repository part ending in a separator', { name: 'backend-' }],
    ['spaces', { name: 'back end' }],
  ])('refuses %s', (_, fields) => refused((c) => Object.assign(image(c), fields), 'spec.backend.image.name'));

  it.each([
    ['a URL scheme', 'https://registry.example.com/team'],
    ['an uppercase path', 'registry.example.com/Team'],
    ['a tag', 'registry.example.com/team:1.0'],
    ['a space', 'registry.example.com/my team'],
  ])('refuses a registry with %s', (_, registry) => refused((c) => (image(c).registry = registry), 'spec.backend.image.registry'));

  it('says what to drop', () => {
    const config = fullConfig();
    image(config).registry = 'https://registry.example.com/team';
    image(config).name = 'backend:1.0';
    const messages = loadConfig(config).results.map((r) => r.message);
    expect(messages.join('\n')).toMatch(/without a URL scheme/);
    expect(messages.join('\n')).toMatch(/give the tag in tag/);
  });

  it('refuses a tag starting with "." and a digest of an unknown algorithm', () => {
    refused((c) => (image(c).tag = '.hidden'), 'spec.backend.image.tag');
    refused((c) => (image(c).digest = `md5:${'a'.repeat(32)}`), 'spec.backend.image.digest');
  });

  it('refuses a repository name longer than 255 characters', () => {
    expect(problems((c) => (image(c).name = Array.from({ length: 30 }, () => 'abcdefghi').join('/')))).toEqual(['out-of-range spec.backend.image.name']);
  });

  it.each([
    ['a registry with a port', 'localhost:5000'],
    ['an IPv6 registry with a port', '[::1]:5000/team'],
    ['an uppercase registry host', 'Registry.Example.com/team'],
    ['a trailing slash', 'registry.example.com/team/'],
    ['a Docker Hub namespace', 'bitnami'],
  ])('accepts %s', (_, registry) => accepted((c) => (image(c).registry = registry)));

  it('accepts sha384 and sha512 digests and nested repository names', () => {
    accepted((c) => (image(c).digest = `sha512:${'0'.repeat(128)}`));
    accepted((c) => (image(c).digest = `sha384:${'0'.repeat(96)}`));
    accepted((c) => (image(c).name = 'team/back_end.v2/api--x'));
  });
});

describe('Ingress hosts and class', () => {
  it.each(['10.0.0.1', '192.168.1.10', '::1'])('refuses the IP address %s as a host', (host) =>
    expect(problems((c) => (c.spec.ingress.routes.api.host = host))[0]).toBe('invalid-value spec.ingress.routes.api.host'),
  );

  it('refuses a className or clusterIssuer that is not a DNS-1123 subdomain', () => {
    refused((c) => (c.spec.ingress.className = 'Traefik_Internal'), 'spec.ingress.className');
    refused((c) => (c.spec.ingress.clusterIssuer = 'Lets Encrypt'), 'spec.ingress.clusterIssuer');
  });

  it('accepts what the API server accepts: a single-label host, a wildcard, a dotted class name', () => {
    accepted((c) => (c.spec.ingress.routes.api.host = 'intranet'));
    accepted((c) => (c.spec.ingress.routes.api.host = '*.example.com'));
    accepted((c) => (c.spec.ingress.className = 'internal.traefik.io'));
  });

  it('refuses a default TLS Secret name that outgrows a Secret name', () => {
    expect(problems((c) => (c.spec.ingress.name = `${'a'.repeat(62)}.${'b'.repeat(62)}.${'c'.repeat(62)}.${'d'.repeat(62)}`))).toEqual([
      'invalid-name spec.ingress.tlsSecretName',
    ]);
  });
});

describe("int32 fields take the API's range, not JavaScript's", () => {
  const big = 2 ** 31;
  it.each<[string, (c: Config) => void]>([
    ['spec.backend.pools.worker.replicas', (c) => (c.spec.backend.pools.worker.replicas = big)],
    ['spec.backend.pools.api.security.runAsUser', (c) => (api(c).security = { runAsUser: big })],
    ['spec.backend.pools.api.security.runAsGroup', (c) => (api(c).security = { runAsGroup: big })],
    ['spec.backend.pools.api.security.fsGroup', (c) => (api(c).security = { fsGroup: big })],
    ['spec.backend.pools.api.autoscaling.maxReplicas', (c) => (api(c).autoscaling.maxReplicas = big)],
    ['spec.backend.pools.api.probes.liveness.periodSeconds', (c) => (api(c).probes = { liveness: { periodSeconds: big } })],
    ['spec.backend.pools.api.disruptionBudget.maxUnavailable', (c) => (api(c).disruptionBudget = { maxUnavailable: big })],
  ])('%s', (path, change) => outOfRange(change, path));

  it('keeps ports between 1 and 65535 and accepts the largest int32', () => {
    outOfRange((c) => (api(c).port = 65536), 'spec.backend.pools.api.port');
    accepted((c) => (c.spec.backend.pools.worker.replicas = big - 1));
  });

  it('accepts a utilisation target above 1000% (the API takes any positive int32)', () => {
    accepted((c) => (api(c).autoscaling.cpuUtilization = 1500));
  });
});

describe('strings that end up in names, keys and values', () => {
  it.each<[string, string, (c: Config) => void]>([
    ['a newline in a GCP remote key', 'spec.secrets.backend.gcp.keys.JWT_SECRET', (c) => (c.spec.secrets.backend.gcp.keys.JWT_SECRET = 'jwt\nsecret')],
    ['a NUL in an AWS secret', 'spec.secrets.s3.aws.key', (c) => (c.spec.secrets.s3.aws.key = 's3\u0000prod')],
    ['a tab in an AWS property', 'spec.secrets.s3.aws.properties.S3_BUCKET', (c) => (c.spec.secrets.s3.aws.properties.S3_BUCKET = 'bu\tcket')],
    ['a line separator in the database user', 'spec.config.database.user', (c) => (c.spec.config.database.user = 'app\u2028x')],
    ['a bell in an env value', 'spec.backend.env.GIN_MODE', (c) => (c.spec.backend.env.GIN_MODE = 'release\u0007')],
    ['an escape in an annotation value', 'spec.ingress.annotations.note', (c) => (c.spec.ingress.annotations = { note: '\u001b[31mred' })],
    [
      'a control character in a metric name',
      'spec.backend.pools.api.autoscaling.external.queue.metric',
      (c) => (api(c).autoscaling.external = { queue: { metric: 'depth\n', value: 10 } }),
    ],
  ])('refuses %s', (_, path, change) => refused(change, path));

  it('keeps line breaks in free text such as a PEM in an env value', () => {
    accepted((c) => (c.spec.backend.env.CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'));
  });
});

describe('leading or trailing whitespace in enum-like and key-like values is an error, said as such', () => {
  it.each(['async\u00a0', ' async', 'async ', '\u00a0async', 'async\t'])('mode %j', (mode) => {
    const config = fullConfig();
    config.spec.backend.pools.worker.mode = mode;
    const [result] = loadConfig(config).results;
    expect(`${result?.tags?.code} ${result?.field?.path}`).toBe('invalid-value spec.backend.pools.worker.mode');
    expect(result?.message).toContain('leading or trailing whitespace');
  });

  it.each<[string, (c: Config) => void]>([
    ['spec.ingress.routes.api.pathType', (c) => (c.spec.ingress.routes.api.pathType = 'Prefix\u00a0')],
    ['spec.config.database.sslMode', (c) => (c.spec.config.database.sslMode = ' require')],
    ['spec.backend.image.pullPolicy', (c) => (image(c).pullPolicy = 'Always ')],
    ['spec.secrets.backend.gcp.keys.JWT_SECRET', (c) => (c.spec.secrets.backend.gcp.keys.JWT_SECRET = 'jwt\u00a0')],
    ['spec.config.database.host', (c) => (c.spec.config.database.host = 'postgres ')],
  ])('%s', (path, change) => refused(change, path));
});

describe('hosts in spec.config', () => {
  it.each<[string, (c: Config) => void]>([
    ['a same-namespace Service as database host', (c) => (c.spec.config.database.host = 'postgres')],
    ['a same-namespace Service as Redis host', (c) => (c.spec.config.redis.host = 'redis')],
    ['localhost as the WebAuthn RP ID', (c) => (c.spec.config.webauthnRpId = 'localhost')],
    ['an IP address as database host', (c) => (c.spec.config.database.host = '10.0.0.5')],
    ['an IPv6 address as Redis host', (c) => (c.spec.config.redis.host = 'fd00::5')],
    ['an uppercase DNS name', (c) => (c.spec.config.database.host = 'DB.Example.com')],
  ])('accepts %s', (_, change) => accepted(change));

  it('refuses a URL or a host with a port where a host goes, and an IP address as RP ID', () => {
    refused((c) => (c.spec.config.database.host = 'postgres://db:5432'), 'spec.config.database.host');
    refused((c) => (c.spec.config.redis.host = 'redis:6379'), 'spec.config.redis.host');
    refused((c) => (c.spec.config.webauthnRpId = '10.0.0.1'), 'spec.config.webauthnRpId');
  });
});

describe('label and annotation keys', () => {
  it('refuses a prefix longer than a DNS subdomain even where the whole key fits 317 characters', () => {
    const prefix = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}`; // 255 characters
    expect(problems((c) => (c.spec.labels = { [`${prefix}/x`]: 'y' }))).toContain(`invalid-key spec.labels["${prefix}/x"]`);
  });
});
