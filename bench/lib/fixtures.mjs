// Inputs for the scale runs, generated once into bench/.cache (git-ignored): a kpt package of N ConfigMaps
// plus the prod TomodaApp, and the ResourceList kpt passes for it (`kpt fn source` output with the
// TomodaApp as functionConfig, as `kpt fn eval --fn-config` and a Kptfile pipeline do).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURE_VERSION = 1;

/** A test case's TomodaApp as a file: the functionConfig of testdata/<testcase>/input.yaml at column 0. */
export function functionConfigText(root, testcase) {
  const input = readFileSync(join(root, 'testdata', testcase, 'input.yaml'), 'utf8');
  const section = input.slice(input.indexOf('\nfunctionConfig:\n') + '\nfunctionConfig:\n'.length);
  return section.split('\n').map((line) => line.slice(2)).join('\n').trimEnd() + '\n';
}

function configMap(i) {
  const n = String(i).padStart(5, '0');
  return `# settings of service ${n}, kept byte for byte by the function
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings-${n}
  namespace: prod
  labels:
    app.kubernetes.io/name: service-${n}
    app.kubernetes.io/part-of: fleet
data:
  LOG_LEVEL: info
  FILE_MODE: 0644 # YAML 1.1 octal: must stay as written
  FEATURE_X: on
  UPSTREAM_URL: http://service-${n}.prod.svc.cluster.local:8080
  settings.json: |
    {"retries": 3, "timeoutSeconds": 30, "id": "${n}"}
`;
}

/** Returns { dir, input }: the package directory and the ResourceList file for `count` ConfigMaps. */
export function scaleFixture(root, cacheDir, count) {
  const base = join(cacheDir, `scale-v${FIXTURE_VERSION}-${count}`);
  const dir = join(base, 'pkg');
  const input = join(base, 'input.yaml');
  if (existsSync(input)) return { dir, input };
  rmSync(base, { recursive: true, force: true });
  mkdirSync(join(dir, 'app'), { recursive: true });
  mkdirSync(join(dir, 'config'), { recursive: true });
  const config = functionConfigText(root, 'prod');
  writeFileSync(join(dir, 'app/tomoda-app.yaml'), config);
  for (let i = 1; i <= count; i++) writeFileSync(join(dir, 'config', `settings-${String(i).padStart(5, '0')}.yaml`), configMap(i));
  const source = spawnSync('kpt', ['fn', 'source', dir], { maxBuffer: 1 << 30, encoding: 'utf8' });
  if (source.error) throw new Error(`kpt is needed to build the scale inputs (kpt fn source): ${source.error.message}`);
  if (source.status !== 0) throw new Error(`kpt fn source failed: ${source.stderr}`);
  const list = `${source.stdout.trimEnd()}\nfunctionConfig:\n${config.trimEnd().split('\n').map((line) => (line ? `  ${line}` : line)).join('\n')}\n`;
  writeFileSync(`${input}.tmp`, list);
  renameSync(`${input}.tmp`, input);
  return { dir, input };
}

/**
 * The same ResourceList with one anchor and one alias inside one ConfigMap (the middle one): a hand-written list may
 * hold them, and only that item needs the full YAML parser. Returns the file, written beside the plain one.
 */
export function anchorFixture(fixture, count) {
  const input = fixture.input.replace(/\.yaml$/, '-anchor.yaml');
  if (existsSync(input)) return input;
  const text = readFileSync(fixture.input, 'utf8');
  const n = String(Math.ceil(count / 2)).padStart(5, '0');
  const at = text.indexOf('    LOG_LEVEL: info\n', text.indexOf(`\n    name: settings-${n}\n`));
  if (at < 0) throw new Error(`settings-${n} not found in ${fixture.input}`);
  const anchored = '    LOG_LEVEL: &level info\n    AUDIT_LEVEL: *level\n';
  writeFileSync(`${input}.tmp`, `${text.slice(0, at)}${anchored}${text.slice(at + '    LOG_LEVEL: info\n'.length)}`);
  renameSync(`${input}.tmp`, input);
  return input;
}

/** The ResourceList for a TomodaApp with `count` pools, each with a Service, an HPA and a PDB, and a route to every tenth. */
export function poolFixture(cacheDir, count) {
  const input = join(cacheDir, `pools-v${FIXTURE_VERSION}-${count}.yaml`);
  if (existsSync(input)) return input;
  mkdirSync(cacheDir, { recursive: true });
  const name = (i) => `pool-${String(i).padStart(5, '0')}`;
  const pools = [];
  const routes = [];
  for (let i = 0; i < count; i++) {
    pools.push(`        ${name(i)}:`, '          mode: async', '          service: {}', '          autoscaling: {minReplicas: 2, maxReplicas: 4}', '          disruptionBudget: {maxUnavailable: 1}');
    if (i % 10 === 0) routes.push(`        r${i}: {host: ${name(i)}.example.com, to: ${name(i)}}`);
  }
  const list = [
    'apiVersion: config.kubernetes.io/v1',
    'kind: ResourceList',
    'items: []',
    'functionConfig:',
    '  apiVersion: tomoda.life/v1alpha1',
    '  kind: TomodaApp',
    '  metadata:',
    '    name: fleet',
    '  spec:',
    '    namespace: prod',
    '    backend:',
    '      image: {registry: registry.example.com/team, name: backend, tag: "1.0.0"}',
    '      pools:',
    ...pools,
    '    ingress:',
    '      routes:',
    ...routes,
  ];
  writeFileSync(`${input}.tmp`, `${list.join('\n')}\n`);
  renameSync(`${input}.tmp`, input);
  return input;
}
