// No Docker engine here, so the Dockerfile is checked on paper against what the other tests run:
// the build stage copies enough to build (replayed in a temp dir, it writes the same bundle bytes as
// `npm run build`), the runtime stage carries that one file as its entrypoint and runs as nobody,
// .dockerignore lets through exactly what is copied, and the Argo CD targets agree with examples/argocd.
import { cpSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BUNDLE, EXAMPLES, exists, FUNCTION_IMAGE, PACKAGE, ROOT, run, tempDir, TOOL_VERSIONS } from './support.js';

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  from: string;
  name: string;
  instructions: Instruction[];
}

/** Dockerfile → stages, with continuation lines joined and comments dropped. */
function parseDockerfile(text: string): { args: Map<string, string>; stages: Stage[] } {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword = '', rest = ''] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: rest.replace(/\s+/g, ' ') };
    if (instruction.keyword === 'FROM') {
      const [, from = '', name = ''] = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args) ?? [];
      stages.push({ from, name, instructions: [] });
    } else if (stages.length === 0 && instruction.keyword === 'ARG') {
      const [name = '', value = ''] = instruction.args.split('=');
      args.set(name, value);
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { args, stages };
}

interface Copy {
  from?: string;
  sources: string[];
  dest: string;
}

const copies = (stage: Stage): Copy[] =>
  stage.instructions
    .filter((i) => i.keyword === 'COPY')
    .map((i) => {
      const words = i.args.split(' ');
      const flags = words.filter((w) => w.startsWith('--'));
      const paths = words.filter((w) => !w.startsWith('--'));
      const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
      return { ...(from ? { from } : {}), sources: paths.slice(0, -1), dest: paths.at(-1)! };
    });

const last = (stage: Stage, keyword: string): string | undefined => stage.instructions.filter((i) => i.keyword === keyword).at(-1)?.args;
const workdir = (stage: Stage): string => last(stage, 'WORKDIR') ?? '/';
const entrypoint = (stage: Stage): string[] => JSON.parse(last(stage, 'ENTRYPOINT') ?? 'null') as string[];

/** Where a COPY puts one source: a directory's contents go to dest; a file goes into dest when dest ends in /, else to dest. */
const target = (copy: Copy, source: string, cwd: string): string => {
  const dest = posix.resolve(cwd, copy.dest);
  const isDirectory = statSync(join(ROOT, source)).isDirectory();
  return copy.dest.endsWith('/') && !isDirectory ? posix.join(dest, posix.basename(source)) : dest;
};

/** .dockerignore semantics for the patterns used here: the last matching pattern wins. */
function allowedByDockerignore(path: string, patterns: string[]): boolean {
  let allowed = true;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const pattern = negated ? raw.slice(1) : raw;
    const matches = pattern === '*' || path === pattern || path.startsWith(`${pattern.replace(/\/$/, '')}/`);
    if (matches) allowed = negated;
  }
  return allowed;
}

const dockerfile = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const ignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const stage = (name: string): Stage => {
  const found = dockerfile.stages.find((s) => s.name === name);
  if (!found) throw new Error(`no stage ${name} in the Dockerfile`);
  return found;
};
const build = stage('build');
const runtime = dockerfile.stages.at(-1)!;
const BIN = PACKAGE.bin['tomoda-app-fn']!;
const builtBundle = posix.join(workdir(build), BIN);

describe('Dockerfile', () => {
  it('builds with the current Node.js LTS, at least what package.json engines asks', () => {
    const major = Number(dockerfile.args.get('NODE_MAJOR'));
    expect(major).toBeGreaterThanOrEqual(26);
    expect(major).toBeGreaterThanOrEqual(Number(/>=\s*(\d+)/.exec(PACKAGE.engines.node)?.[1]));
    expect(build.from).toBe('node:${NODE_MAJOR}-bookworm-slim');
    expect(runtime.from).toBe('node:${NODE_MAJOR}-alpine');
  });

  it('builds with the npm script whose output is package.json bin', () => {
    const runs = build.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    expect(runs).toContain('npm ci --no-audit --no-fund');
    expect(runs.some((r) => r.startsWith('npm run build'))).toBe(true);
    expect(PACKAGE.scripts.build).toBe('node scripts/build.mjs');
    expect(readFileSync(join(ROOT, 'scripts', 'build.mjs'), 'utf8')).toMatch(/pkg\.bin\['tomoda-app-fn'\]/);
  });

  it('copies what the build needs: replayed here, the copied files build the same bundle, byte for byte', () => {
    const context = tempDir('docker-context');
    for (const copy of copies(build)) {
      expect(copy.from).toBeUndefined();
      for (const source of copy.sources) {
        expect(exists(join(ROOT, source)), `${source} exists`).toBe(true);
        expect(allowedByDockerignore(source.replace(/\/$/, ''), ignore), `${source} passes .dockerignore`).toBe(true);
        const to = join(context, posix.relative(workdir(build), target(copy, source, workdir(build))));
        mkdirSync(dirname(to), { recursive: true });
        cpSync(join(ROOT, source), to, { recursive: true });
      }
    }
    symlinkSync(join(ROOT, 'node_modules'), join(context, 'node_modules')); // what `npm ci` installs
    const result = run('npm', ['run', 'build', '--silent'], { cwd: context });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readFileSync(join(context, BIN))).toEqual(readFileSync(BUNDLE));
  });

  it('keeps node_modules, dist and .git out of the build context', () => {
    for (const path of ['node_modules', 'dist/tomoda-app-fn.cjs', '.git', 'test/support/docker', 'testdata/dev/input.yaml']) {
      expect(allowedByDockerignore(path, ignore), path).toBe(false);
    }
  });

  it('runs the bundle alone, with a code cache the image writes, as nobody, by default', () => {
    expect(runtime.name).toBe('runtime');
    const runtimeCopies = copies(runtime);
    expect(runtimeCopies[0]).toEqual({ from: 'build', sources: [builtBundle], dest: expect.any(String) });
    // the one other file is the example the cache is written with, removed in the same step
    expect(runtimeCopies.slice(1)).toEqual([{ from: 'build', sources: ['/src/fn-config/tomoda-app.yaml'], dest: '/tmp/warm-up.yaml' }]);
    const bundle = runtimeCopies[0]!.dest;
    expect(entrypoint(runtime)).toEqual(['node', bundle]);
    const env = runtime.instructions.filter((i) => i.keyword === 'ENV').map((i) => i.args);
    expect(env).toEqual(['TOMODA_FN_CACHE_DIR=/usr/local/lib/tomoda-app-fn/cache']);
    // the cache is written in the image, by its own node, from the copied bundle, made readable, and smoke-tested
    const runs = runtime.instructions
      .filter((i) => i.keyword === 'RUN')
      .map((i) => i.args)
      .join(' ');
    expect(runs).toContain('mkdir -m 0755 "$TOMODA_FN_CACHE_DIR"');
    expect(runs).toContain(`| node ${bundle} > /dev/null`);
    expect(runs).toContain('chmod -R a+rX "$TOMODA_FN_CACHE_DIR" && rm /tmp/warm-up.yaml');
    expect(runs).toContain(`node ${bundle} render > /dev/null`);
    // the docker stand-in the kustomize and kpt tests use starts the function the same way
    const standIn = readFileSync(join(ROOT, 'test', 'support', 'docker'), 'utf8');
    expect(standIn).toContain('entry=("$node" "$bundle")');
    expect(standIn).toContain('cache_env=("TOMODA_FN_CACHE_DIR=$cache")');
    expect(last(runtime, 'USER')).toBe('65534:65534'); // nobody, as kustomize and kpt run it
    expect(last(runtime, 'CMD')).toBeUndefined();
    // exec mode, kpt --exec and the Argo CD targets run the bundle as a file: it carries its interpreter line
    expect(readFileSync(BUNDLE, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(
      runtime.instructions
        .filter((i) => i.keyword === 'RUN')
        .map((i) => i.args)
        .join(' '),
    ).toMatch(/rm -rf \/usr\/local\/lib\/node_modules .*\/usr\/local\/bin\/npm /);
  });

  it('is the image the examples name', () => {
    const base = readFileSync(join(EXAMPLES, 'k8s', 'apps', 'tomoda', 'base', 'app', 'tomoda-app.yaml'), 'utf8');
    expect(base).toContain(`image: ${FUNCTION_IMAGE}\n`);
    expect(readFileSync(join(ROOT, 'fn-config', 'tomoda-app.yaml'), 'utf8')).toContain(`image: ${FUNCTION_IMAGE}\n`);
  });

  it('argocd-cmp carries kustomize, the bundle where the docker entry and exec component look for it, and plugin.yaml', () => {
    const cmp = stage('argocd-cmp');
    const byDest = new Map(copies(cmp).map((c) => [c.dest, c]));
    expect(byDest.get('/usr/local/bin/tomoda-app-fn')).toEqual({ from: 'build', sources: [builtBundle], dest: '/usr/local/bin/tomoda-app-fn' });
    expect(byDest.get('/usr/local/bin/kustomize')?.from).toBe('kustomize');
    expect(byDest.get('/usr/local/bin/docker')?.sources).toEqual(['examples/argocd/cmp/docker']);
    expect(byDest.get('/home/argocd/cmp-server/config/plugin.yaml')?.sources).toEqual(['examples/argocd/cmp/plugin.yaml']);
    for (const copy of copies(cmp).filter((c) => !c.from)) for (const source of copy.sources) expect(allowedByDockerignore(source, ignore), source).toBe(true);
    expect(last(cmp, 'USER')).toBe('999:999');
    // the kustomize Argo CD bundles, the one the tests install and run the plugin's commands with
    expect(dockerfile.args.get('KUSTOMIZE_VERSION')).toBe(TOOL_VERSIONS.kustomize[0]);
    expect(stage('kustomize').from).toBe('registry.k8s.io/kustomize/kustomize:${KUSTOMIZE_VERSION}');
    // Alpine's BusyBox runs plugin.yaml's commands (test/pipeline/argocd.test.ts runs them under BusyBox): no bash
    expect(cmp.from).toBe('node:${NODE_MAJOR}-alpine');
    expect(cmp.instructions.map((i) => i.args).join('\n')).not.toMatch(/apk add|bash/);
    expect(readFileSync(join(EXAMPLES, 'argocd', 'cmp', 'docker'), 'utf8')).toMatch(/exec tomoda-app-fn "\$@"/);
    const component = parse(readFileSync(join(EXAMPLES, 'components', 'exec-function', 'kustomization.yaml'), 'utf8'));
    expect(component.patches[0].patch).toContain('path: /usr/local/bin/tomoda-app-fn');
  });

  it('exec-tool copies a self-contained executable to where the repo-server patch mounts it', () => {
    const tool = stage('exec-tool');
    const [copy] = copies(tool);
    expect(copy).toEqual({ from: 'sea', sources: ['/src/dist/tomoda-app-fn'], dest: '/tomoda-app-fn' });
    expect(entrypoint(tool)).toEqual(['cp', '/tomoda-app-fn', '/custom-tools/tomoda-app-fn']);
    expect(stage('sea').from).toBe('build');
    // Node.js >= 25.5 builds the executable itself: no postject fetched during the build
    const seaRuns = stage('sea')
      .instructions.filter((i) => i.keyword === 'RUN')
      .map((i) => i.args)
      .join('\n');
    expect(seaRuns).toContain('node --build-sea sea-config.json');
    expect(seaRuns).toContain('"output":"dist/tomoda-app-fn"');
    expect(seaRuns).not.toMatch(/postject|npx/);
    expect(Number(dockerfile.args.get('NODE_MAJOR'))).toBeGreaterThanOrEqual(26);
    const patch = parse(readFileSync(join(EXAMPLES, 'argocd', 'repo-server', 'argocd-repo-server-patch.yaml'), 'utf8'));
    const init = patch.spec.template.spec.initContainers[0];
    expect(init.volumeMounts).toEqual([{ name: 'custom-tools', mountPath: '/custom-tools' }]);
    expect(patch.spec.template.spec.containers[0].volumeMounts).toEqual([
      { name: 'custom-tools', mountPath: '/usr/local/bin/tomoda-app-fn', subPath: 'tomoda-app-fn' },
    ]);
  });
});
