// Shared by the pipeline tests: the real tools (kubectl's kustomize, standalone kustomize, kpt), a bin
// directory that puts the docker stand-in and the function on PATH, temp dirs, and reading the YAML the
// tools print.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  mkdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { afterAll } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { installedTool, TOOL_VERSIONS } from '../../scripts/tools.mjs';
import { BUNDLE, ROOT } from '../support/run-fn.js';

export { BUNDLE, ROOT };

export const DOCKER_STAND_IN = join(ROOT, 'test', 'support', 'docker');
export const EXAMPLES = join(ROOT, 'examples');
export const TOMODA_EXAMPLE = join(EXAMPLES, 'k8s', 'apps', 'tomoda');
export const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
  scripts: Record<string, string>;
  engines: { node: string };
};
export const FUNCTION_IMAGE = `ghcr.io/tomoda-life/tomoda-app-fn:${PACKAGE.version}`;

/** The `docker` arguments kustomize passes for a container function (kyaml's container runtime), image last. */
export const kustomizeDockerArgs = (image: string): string[] => [
  'run',
  '--rm',
  '-i',
  '-a',
  'STDIN',
  '-a',
  'STDOUT',
  '-a',
  'STDERR',
  '--network',
  'none',
  '--user',
  'nobody',
  '--security-opt=no-new-privileges',
  '-e',
  'LOG_TO_STDERR=true',
  '-e',
  'STRUCTURED_RESULTS=true',
  image,
];

export interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
}

export function run(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Run {
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? process.env,
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  // A command that exits before reading its input (the docker stand-in refusing an image) leaves the write
  // with EPIPE; its exit code and output still say what happened.
  const refusedInput = (result.error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE' && result.status !== null;
  if (result.error && !refusedInput) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
}

// Each test file gets its own copy of this module, so this list and hook are per file.
const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A temp dir of this machine's temp root, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `tomoda-${prefix}-`));
  created.push(dir);
  return dir;
}

/** A bin dir holding `docker` (the stand-in) and `tomoda-app-fn` (the bundle), first on PATH in the returned env. */
export function toolEnv(extra: Record<string, string> = {}): { bin: string; env: NodeJS.ProcessEnv } {
  const bin = join(tempDir('bin'), 'bin');
  mkdirSync(bin);
  symlinkSync(DOCKER_STAND_IN, join(bin, 'docker'));
  symlinkSync(BUNDLE, join(bin, 'tomoda-app-fn'));
  return { bin, env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, ...extra } };
}

/** kubectl, then every kubectl.1.NN beside the binary kubectl links to, with the kustomize each carries. */
export interface Kustomize {
  name: string;
  path: string;
  version: string;
}

export function kustomizes(): Kustomize[] {
  const kubectl = which('kubectl');
  if (!kubectl) throw new Error('kubectl is not on PATH: the pipeline tests drive its kustomize');
  const dir = dirname(realpathSync(kubectl));
  const versioned = readdirSync(dir)
    .filter((name) => /^kubectl\.1\.\d+$/.test(name))
    .sort((a, b) => Number(a.split('.')[2]) - Number(b.split('.')[2]));
  return [{ name: 'kubectl', path: kubectl }, ...versioned.map((name) => ({ name, path: join(dir, name) }))].map((k) => ({
    ...k,
    version: kustomizeVersion(k.path),
  }));
}

function kustomizeVersion(kubectl: string): string {
  const out = run(kubectl, ['version', '--client']).stdout;
  return /Kustomize Version: (v[\d.]+)/.exec(out)?.[1] ?? 'unknown';
}

export function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this dir
    }
  }
  return undefined;
}

export function kustomizeBuild(kubectl: string, dir: string, env: NodeJS.ProcessEnv): Run {
  return run(kubectl, ['kustomize', '--enable-alpha-plugins', dir], { env });
}

export { TOOL_VERSIONS };

/**
 * Standalone kustomize at every pinned version (Argo CD's bundled one first), as installed by
 * scripts/install-tools.sh. Under CI a missing one fails the test file; elsewhere the caller skips
 * and says how to install them.
 */
export function standaloneKustomizes(): { found: Kustomize[]; missing: string[] } {
  const all = TOOL_VERSIONS.kustomize.map((version) => ({ name: `kustomize ${version}`, path: installedTool('kustomize', version), version }));
  const missing = all.filter((k) => !existsSync(k.path)).map((k) => k.path);
  if (missing.length && process.env.CI)
    throw new Error(`standalone kustomize is missing under CI (${missing.join(', ')}): .ci/run installs it with scripts/install-tools.sh`);
  if (missing.length) console.warn(`skipping the standalone kustomize tests: ${missing.join(', ')} missing; run scripts/install-tools.sh (needs Go)`);
  return { found: missing.length ? [] : all, missing };
}

/** What Argo CD runs: `kustomize build DIR --enable-alpha-plugins --enable-exec` (its kustomize.buildOptions). */
export function standaloneBuild(kustomize: string, dir: string, env: NodeJS.ProcessEnv, cwd?: string): Run {
  return run(kustomize, ['build', dir, '--enable-alpha-plugins', '--enable-exec'], { env, ...(cwd ? { cwd } : {}) });
}

/**
 * The builds of the function an exec annotation can point at: the bundle, and the single-executable
 * build once package.json has a `build:sea` script (then it must exist: npm test builds it first).
 */
export function execBuilds(): { name: string; path: string }[] {
  const builds = [{ name: 'bundle', path: BUNDLE }];
  if (PACKAGE.scripts['build:sea']) {
    const sea = join(ROOT, 'dist', 'tomoda-app-fn');
    if (!existsSync(sea)) throw new Error(`${sea} is missing: run npm run build:sea`);
    builds.push({ name: 'single executable', path: sea });
  }
  return builds;
}

/**
 * A copy of examples/ where both overlays use the committed exec-function component, its path
 * replaced by execPath (absolute, or relative to the overlay: kustomize runs exec functions in the
 * directory of the kustomization that lists the generator).
 */
export function execExamples(execPath: string): string {
  const root = tempDir('exec-examples');
  copyDir(join(EXAMPLES, 'k8s'), join(root, 'k8s'));
  const component = join(root, 'components', 'exec-function');
  mkdirSync(component, { recursive: true });
  const committed = readFileSync(join(EXAMPLES, 'components', 'exec-function', 'kustomization.yaml'), 'utf8');
  if (!committed.includes('path: /usr/local/bin/tomoda-app-fn\n'))
    throw new Error('the exec-function component no longer points at /usr/local/bin/tomoda-app-fn');
  writeFileSync(join(component, 'kustomization.yaml'), committed.replace('path: /usr/local/bin/tomoda-app-fn\n', `path: ${execPath}\n`));
  for (const overlay of ['dev', 'prod']) {
    const app = join(root, 'k8s', 'apps', 'tomoda', 'overlays', overlay, 'app');
    appendFileSync(join(app, 'kustomization.yaml'), `components:\n  - ${relative(app, component)}\n`);
  }
  return root;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
}

export function parseObjects(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if ('errors' in doc && doc.errors.length) throw new Error(doc.errors[0]!.message);
      return doc.toJS() as KubeObject | null;
    })
    .filter((o): o is KubeObject => o !== null);
}

/** The one object of a kind and name; fails the test when there is not exactly one. */
export function find(objects: KubeObject[], kind: string, name: string | RegExp): KubeObject {
  const found = objects.filter((o) => o.kind === kind && (typeof name === 'string' ? o.metadata.name === name : name.test(o.metadata.name)));
  if (found.length !== 1)
    throw new Error(`expected one ${kind} ${name}, found ${found.length} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found[0]!;
}

export const container = (deployment: KubeObject): any => deployment.spec.template.spec.containers[0];

/** Every file under dir, relative, with its bytes as text. */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

export function copyDir(from: string, to: string): string {
  cpSync(from, to, { recursive: true });
  return to;
}

export const exists = existsSync;
