// Section 4 of npm run bench: the Go tools scripts/install-tools.sh installs.
//   4a. standalone kustomize build --enable-alpha-plugins --enable-exec of the prod overlay (what Argo CD's
//       repo-server runs), the function as an exec function, against a no-op Node function and `cat`;
//   4b. score-k8s, the Go peer, generating one backend workload + Service from a Score file, against the
//       function rendering the closest TomodaApp (testdata/minimal: one pool with a Service).
// A row whose binary is not installed is skipped with a message saying how to install it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { installedTool, TOOL_VERSIONS } from '../../scripts/tools.mjs';
import { interleave } from './run-one.mjs';
import { median, ms, ratio } from './stats.mjs';

/**
 * @param {{root: string, cache: string, bundle: string, node: {bin: string, label: string}, env: NodeJS.ProcessEnv,
 *   runs: number, log: (line: string) => void, progress: (label: string) => (round: number) => void}} options
 * @returns {{title: string, head: string[], rows: string[][], note?: string}[]}
 */
export function goToolTables(options) {
  return [standaloneKustomizeTable(options), scoreK8sTable(options)].filter(Boolean);
}

function standaloneKustomizeTable({ root, cache, bundle, node, env, runs, log, progress }) {
  const version = TOOL_VERSIONS.kustomize[0];
  const kustomize = installedTool('kustomize', version);
  if (!existsSync(kustomize)) {
    log(`4a. skipped: standalone kustomize ${version} is not at ${kustomize}; install it with scripts/install-tools.sh (needs Go)`);
    return undefined;
  }
  const work = join(cache, 'standalone-kustomize');
  rmSync(work, { recursive: true, force: true });
  const handwritten = join(root, 'bench', 'handwritten', 'k8s', 'apps', 'tomoda', 'overlays', 'prod');
  // One copy of the examples per exec function, switched by the committed exec-function component.
  const overlayRunning = (name, exec) => {
    const dir = join(work, name);
    cpSync(join(root, 'examples', 'k8s'), join(dir, 'k8s'), { recursive: true });
    const component = join(dir, 'exec-function');
    mkdirSync(component);
    const committed = readFileSync(join(root, 'examples', 'components', 'exec-function', 'kustomization.yaml'), 'utf8');
    const execLines = (indent) => [`path: ${exec.path}`, ...(exec.args ? [`args: [${exec.args.join(', ')}]`] : [])].join(`\n${indent}`);
    writeFileSync(join(component, 'kustomization.yaml'), committed.replace(/^( *)path: \/usr\/local\/bin\/tomoda-app-fn$/m, (_, indent) => `${indent}${execLines(indent)}`));
    const app = join(dir, 'k8s', 'apps', 'tomoda', 'overlays', 'prod', 'app');
    writeFileSync(join(app, 'kustomization.yaml'), `${readFileSync(join(app, 'kustomization.yaml'), 'utf8')}components:\n  - ${relative(app, component)}\n`);
    return join(dir, 'k8s', 'apps', 'tomoda', 'overlays', 'prod');
  };
  const build = (dir) => ({ argv: [kustomize, 'build', dir, '--enable-alpha-plugins', '--enable-exec'], env });
  const ok = (what) => (result) => {
    if (result.code !== 0) throw new Error(`${what} exited ${result.code}: ${result.stderr.trim().split('\n')[0]}`);
  };
  const hasDeployment = (what) => (result) => {
    ok(what)(result);
    if (!/^kind: Deployment$/m.test(result.stdout.toString())) throw new Error(`${what} printed no Deployment`);
  };
  const variants = [
    { label: `hand-written: ${relative(root, handwritten)}`, floor: true, cmd: build(handwritten), check: hasDeployment('hand-written') },
    { label: 'floor: `cat` as the exec function (no Node)', cmd: build(overlayRunning('cat', { path: '/bin/cat' })), check: ok('cat') },
    { label: `floor: a no-op Node function (${node.label})`, cmd: build(overlayRunning('noop', { path: node.bin, args: [join(root, 'bench', 'lib', 'noop-fn.cjs')] })), check: ok('no-op function') },
    { label: `function: ${relative(root, bundle)} as the exec function (${node.label})`, cmd: build(overlayRunning('bundle', { path: bundle })), check: hasDeployment('the function') },
  ];
  const sea = join(root, 'dist', 'tomoda-app-fn');
  if (existsSync(sea)) variants.push({ label: `function: ${relative(root, sea)} (single executable)`, cmd: build(overlayRunning('sea', { path: sea })), check: hasDeployment('the single executable') });
  const samples = interleave(variants, runs, progress(`4a. kustomize ${version}`));
  const floor = median(samples[0].map((s) => s.ms));
  return {
    title: `4a. Standalone \`kustomize ${version} build --enable-alpha-plugins --enable-exec\` of the prod overlay (Argo CD's kustomize, exec function) against the hand-written overlay`,
    head: ['overlay', 'median ms', 'min ms', 'vs hand-written'],
    rows: variants.map((v, i) => {
      const t = median(samples[i].map((s) => s.ms));
      return [v.label, ms(t), ms(Math.min(...samples[i].map((s) => s.ms))), v.floor ? '1.00×' : ratio(t, floor)];
    }),
    note: `exec rows use the committed exec-function component pointed at each executable; the no-op row passes its script through exec.args (kustomize >= 5.7)`,
  };
}

function scoreK8sTable({ root, cache, bundle, node, env, runs, log, progress }) {
  const version = TOOL_VERSIONS.scoreK8s;
  const scoreK8s = installedTool('score-k8s', version);
  if (!existsSync(scoreK8s)) {
    log(`4b. skipped: score-k8s ${version} is not at ${scoreK8s}; install it with scripts/install-tools.sh --score-k8s (needs Go and a module proxy that serves github.com/score-spec/score-k8s)`);
    return undefined;
  }
  const dir = join(cache, 'score-k8s');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // The closest Score equivalent of testdata/minimal: one backend container, its mode, probes, resources, a Service.
  writeFileSync(
    join(dir, 'score.yaml'),
    [
      'apiVersion: score.dev/v1b1',
      'metadata:',
      '  name: web',
      'containers:',
      '  web:',
      '    image: hello-backend:1.2.3',
      '    variables:',
      '      SERVER_MODE: multi-hub',
      '    resources:',
      '      requests: {cpu: 10m, memory: 64Mi}',
      '      limits: {memory: 256Mi}',
      '    livenessProbe:',
      '      httpGet: {path: /health, port: 8080}',
      '    readinessProbe:',
      '      httpGet: {path: /health, port: 8080}',
      'service:',
      '  ports:',
      '    http: {port: 8080, targetPort: 8080}',
      '',
    ].join('\n'),
  );
  const init = spawnSync(scoreK8s, ['init', '--no-sample'], { cwd: dir, env, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`score-k8s init failed: ${init.stderr.trim()}`);
  const wrote = (what, pattern) => (result) => {
    if (result.code !== 0) throw new Error(`${what} exited ${result.code}: ${result.stderr.trim().split('\n')[0]}`);
    const text = what === 'score-k8s' ? readFileSync(join(dir, 'manifests.yaml'), 'utf8') : result.stdout.toString();
    if (!pattern.test(text)) throw new Error(`${what} wrote no Deployment and Service`);
  };
  const both = /^kind: Deployment$[\s\S]*^kind: Service$|^kind: Service$[\s\S]*^kind: Deployment$/m;
  const variants = [
    { label: `score-k8s ${version} generate score.yaml (Go)`, cmd: { argv: [scoreK8s, 'generate', 'score.yaml', '--output', 'manifests.yaml'], env, cwd: dir }, check: wrote('score-k8s', both) },
    { label: `tomoda-app-fn on testdata/minimal (${node.label})`, cmd: { argv: [node.bin, bundle], env, stdinFile: join(root, 'testdata', 'minimal', 'input.yaml') }, check: wrote('tomoda-app-fn', both) },
  ];
  const samples = interleave(variants, runs, progress('4b. score-k8s'));
  const [go, fn] = samples.map((s) => median(s.map((x) => x.ms)));
  return {
    title: '4b. The Go peer: score-k8s generating one workload + Service from a Score file, against the function on the closest TomodaApp',
    head: ['command', 'median ms', 'min ms', 'vs score-k8s'],
    rows: variants.map((v, i) => [v.label, ms(median(samples[i].map((s) => s.ms))), ms(Math.min(...samples[i].map((s) => s.ms))), i === 0 ? '1.00×' : ratio(fn, go)]),
    note: 'score-k8s also writes its state file (.score-k8s/state.yaml) on every run; the function writes only stdout',
  };
}
