// Section 4 of npm run bench: the Go tools scripts/install-tools.sh installs.
//   4a. standalone kustomize build --enable-alpha-plugins --enable-exec of the prod overlay (what Argo CD's
//       repo-server runs), the function as an exec function, against a no-op Node function and `cat`;
//   4b. Helm v3, the Go peer: `helm template` of a generic app chart written for the bench
//       (bench/peers/helm-chart) rendering one Deployment + Service + NetworkPolicy, against the function on
//       the closest TomodaApp (testdata/minimal: one pool with a Service), by `render FILE` and as a KRM
//       function. score-k8s, the peer issue 15 named, is not measured: the Go module proxy refuses it.
// A row whose binary is not installed is skipped with a message saying how to install it.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { installedTool, TOOL_VERSIONS } from '../../scripts/tools.mjs';
import { functionConfigText } from './fixtures.mjs';
import { interleave, runOne } from './run-one.mjs';
import { median, ms, ratio } from './stats.mjs';

/**
 * `image` is the image's start (Node 26, snapshot; bench/lib/entrypoints.mjs) when the bench has that Node.
 * @param {{root: string, cache: string, bundle: string, node: {bin: string, label: string}, env: NodeJS.ProcessEnv, runs: number,
 *   image?: {label: string, argv: string[], env: NodeJS.ProcessEnv, node: {label: string}}, log: (line: string) => void, progress: (label: string) => (round: number) => void}} options
 * @returns {{title: string, head: string[], rows: string[][], note?: string}[]}
 */
export function goToolTables(options) {
  return [standaloneKustomizeTable(options), helmTable(options)].filter(Boolean);
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
  const hasDeployment = (what) => (result) => {
    exitsZero(what)(result);
    if (!/^kind: Deployment$/m.test(result.stdout.toString())) throw new Error(`${what} printed no Deployment`);
  };
  const variants = [
    { label: `hand-written: ${relative(root, handwritten)}`, floor: true, cmd: build(handwritten), check: hasDeployment('hand-written') },
    { label: 'floor: `cat` as the exec function (no Node)', cmd: build(overlayRunning('cat', { path: '/bin/cat' })), check: exitsZero('cat') },
    { label: `floor: a no-op Node function (${node.label})`, cmd: build(overlayRunning('noop', { path: node.bin, args: [join(root, 'bench', 'lib', 'noop-fn.cjs')] })), check: exitsZero('no-op function') },
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

/**
 * 4b. Helm, the Go peer: `helm template` of a generic application chart (bench/peers/helm-chart, written for
 * the bench in the shape of stakater/application and bjw-s app-template) against the function on the closest
 * TomodaApp (testdata/minimal: one backend pool with a Service). Before timing, both outputs are compared
 * object by object, ignoring only the `app.kubernetes.io/managed-by` label, so the rows render the same thing.
 */
function helmTable({ root, cache, bundle, node, image, env, runs, log, progress }) {
  const version = TOOL_VERSIONS.helm;
  const helm = installedTool('helm', version);
  if (!existsSync(helm)) {
    log(`4b. skipped: helm ${version} is not at ${helm}; install it with scripts/install-tools.sh --helm (needs Go; not part of CI)`);
    return undefined;
  }
  const chart = join(root, 'bench', 'peers', 'helm-chart');
  const values = join(root, 'bench', 'peers', 'web-values.yaml');
  const appFile = join(cache, 'minimal-tomoda-app.yaml');
  writeFileSync(appFile, functionConfigText(root, 'minimal'));
  const resourceList = join(root, 'testdata', 'minimal', 'input.yaml');
  const variants = [
    { label: `helm ${version} template (Go): ${relative(root, chart)} -f ${relative(root, values)}`, peer: true, cmd: { argv: [helm, 'template', 'web', chart, '-f', values], env }, check: deploymentAndService('helm template') },
    { label: `function: render ${relative(root, appFile)} (${node.label}, ${relative(root, bundle)})`, cmd: { argv: [node.bin, bundle, 'render', appFile], env }, check: deploymentAndService('render') },
    { label: `function: the ResourceList of testdata/minimal on stdin (${node.label})`, cmd: { argv: [node.bin, bundle], env, stdinFile: resourceList }, check: deploymentAndService('the function') },
    { label: `floor: node -e 0 (${node.label})`, cmd: { argv: [node.bin, '-e', '0'], env }, check: exitsZero('node -e 0') },
  ];
  if (image) variants.splice(3, 0, { label: `function: the same ResourceList, the image's start (${image.node.label}: ${image.label})`, cmd: { argv: image.argv, env: image.env, stdinFile: resourceList }, check: deploymentAndService('the image\'s start') });
  sameObjects(runOne(variants[0].cmd), runOne(variants[1].cmd));
  const samples = interleave(variants, runs, progress(`4b. helm ${version}`));
  const peer = median(samples[0].map((s) => s.ms));
  return {
    title: `4b. The Go peer: \`helm ${version} template\` of a generic app chart (one Deployment, its Service and NetworkPolicy) against the function on the same pool (testdata/minimal)`,
    head: ['command', 'median ms', 'min ms', 'vs helm template'],
    rows: variants.map((v, i) => {
      const t = median(samples[i].map((s) => s.ms));
      return [v.label, ms(t), ms(Math.min(...samples[i].map((s) => s.ms))), v.peer ? '1.00×' : ratio(t, peer)];
    }),
    note: 'checked before timing: helm and `render` print the same three objects but for the managed-by label; score-k8s, the peer first named, is not measured (the Go module proxy refuses github.com/score-spec/score-k8s)',
  };
}

const exitsZero = (what) => (result) => {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}: ${result.stderr.trim().split('\n')[0]}`);
};

const deploymentAndService = (what) => (result) => {
  exitsZero(what)(result);
  const text = result.stdout.toString();
  if (!/^ *kind: Deployment$/m.test(text) || !/^ *kind: Service$/m.test(text)) throw new Error(`${what} printed no Deployment and Service`);
};

/** Throws unless two YAML streams hold the same objects (in any order), the managed-by label aside. */
function sameObjects(helmRun, functionRun) {
  const objects = (result) =>
    parseAllDocuments(result.stdout.toString())
      .map((doc) => doc.toJS())
      .filter((object) => object && object.kind !== 'TomodaApp')
      .map((object) => JSON.parse(JSON.stringify(object, (key, value) => (key === 'labels' ? { ...value, 'app.kubernetes.io/managed-by': undefined } : value))))
      .sort((a, b) => `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`));
  const [peer, fn] = [objects(helmRun), objects(functionRun)];
  const names = (list) => list.map((o) => `${o.kind}/${o.metadata.name}`).join(', ');
  if (names(peer) !== names(fn)) throw new Error(`helm template printed ${names(peer)}; render printed ${names(fn)}`);
  const differ = peer.filter((object, i) => !isDeepStrictEqual(object, fn[i]));
  if (differ.length > 0) throw new Error(`helm template and render differ in ${names(differ)}: keep bench/peers/web-values.yaml in step with testdata/minimal`);
}
