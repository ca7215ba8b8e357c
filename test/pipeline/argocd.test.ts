// Argo CD, with the tools at hand: the plugin sidecar's generate command from plugin.yaml runs in a
// copy of the repository as the sidecar would run it, with the sidecar's own `docker` entry
// (examples/argocd/cmp/docker), the function as `tomoda-app-fn`, and a `kustomize` that hands the
// build to kubectl's kustomize (which has no --enable-exec). Plus the repo-server route's component.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BUNDLE, copyDir, EXAMPLES, find, kustomizes, parseObjects, run, tempDir, TOMODA_EXAMPLE, which } from './support.js';

const CMP = join(EXAMPLES, 'argocd', 'cmp');
const plugin = parse(readFileSync(join(CMP, 'plugin.yaml'), 'utf8'));
const kubectl = kustomizes()[0]!.path;

/** The sidecar's PATH: its docker entry, the function, and kustomize (here: kubectl's). */
function sidecarEnv(): NodeJS.ProcessEnv {
  const bin = join(tempDir('cmp-bin'), 'bin');
  mkdirSync(bin);
  symlinkSync(join(CMP, 'docker'), join(bin, 'docker'));
  symlinkSync(BUNDLE, join(bin, 'tomoda-app-fn'));
  writeFileSync(
    join(bin, 'kustomize'),
    `#!/usr/bin/env bash\n# kustomize build [flags] DIR, through kubectl kustomize (no --enable-exec there).\nset -euo pipefail\n[[ \${1:-} == build ]] || { echo "kustomize shim: only build" >&2; exit 2; }\nshift\nargs=()\nfor a in "$@"; do [[ $a == --enable-exec ]] || args+=("$a"); done\nexec ${JSON.stringify(kubectl)} kustomize "\${args[@]}"\n`,
    { mode: 0o755 },
  );
  // Only what the sidecar image has: no caller's docker stand-in, no extra tools.
  const system = (process.env.PATH ?? '').split(':').filter((dir) => !dir.includes('node_modules'));
  return { PATH: [bin, ...system].join(':'), HOME: tempDir('cmp-home'), ARGOCD_APP_NAME: 'tomoda-prod', ARGOCD_APP_NAMESPACE: 'prod' };
}

/** A copy of the examples, as the plugin server unpacks the repository for each generate. */
function checkout(): string {
  return copyDir(join(EXAMPLES, 'k8s'), join(tempDir('cmp-repo'), 'k8s'));
}

const generate = (cwd: string, env: NodeJS.ProcessEnv) => run(plugin.spec.generate.command[0], [...plugin.spec.generate.command.slice(1), ...plugin.spec.generate.args], { cwd, env });
const discover = (cwd: string) => run(plugin.spec.discover.find.command[0], plugin.spec.discover.find.command.slice(1), { cwd });

describe('Argo CD plugin sidecar', () => {
  const env = sidecarEnv();

  it('is a ConfigManagementPlugin that fails its generate on any error and keeps file modes', () => {
    expect(plugin.apiVersion).toBe('argoproj.io/v1alpha1');
    expect(plugin.kind).toBe('ConfigManagementPlugin');
    expect(plugin.metadata.name).toBe('tomoda-app-fn');
    expect(plugin.spec.generate.args.join('\n')).toMatch(/^set -euo pipefail$/m);
    expect(plugin.spec.preserveFileMode).toBe(true);
    expect(which('bash')).toBeDefined();
  });

  it.each(['dev', 'prod'])('generate renders overlays/%s exactly as kustomize does', (name) => {
    const repo = checkout();
    const result = generate(join(repo, 'apps', 'tomoda', 'overlays', name), env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(TOMODA_EXAMPLE, 'overlays', name, 'expected-output.yaml'), 'utf8'));
  });

  it('discovers overlays that patch a TomodaApp, and not other directories', () => {
    expect(discover(join(TOMODA_EXAMPLE, 'overlays', 'prod')).stdout.trim()).toBe('./app/tomoda-app-patch.yaml');
    expect(discover(join(EXAMPLES, 'argocd')).stdout.trim()).toBe('');
  });

  it('fails, with nothing on stdout, when the function reports an error', () => {
    const repo = checkout();
    const patch = join(repo, 'apps', 'tomoda', 'overlays', 'prod', 'app', 'tomoda-app-patch.yaml');
    writeFileSync(patch, readFileSync(patch, 'utf8').replace('minReplicas: 2, maxReplicas: 6, scaleDownStabilizationWindowSeconds: 300', 'minReplicas: 7, maxReplicas: 6'));
    const result = generate(join(repo, 'apps', 'tomoda', 'overlays', 'prod'), env);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/tomoda-app-fn: error/);
  });

  it('refuses empty output: a function kustomize cannot run is skipped silently, and prune would delete everything', () => {
    // kubectl's kustomize has no --enable-exec: with the exec component it skips the function, exits 0, prints nothing.
    const repo = checkout();
    const app = join(repo, 'apps', 'tomoda', 'overlays', 'prod', 'app');
    const component = join(EXAMPLES, 'components', 'exec-function');
    const kustomization = join(app, 'kustomization.yaml');
    writeFileSync(kustomization, `${readFileSync(kustomization, 'utf8')}components:\n  - ${relative(app, component)}\n`);
    const skipped = run(kubectl, ['kustomize', '--enable-alpha-plugins', join(repo, 'apps', 'tomoda', 'overlays', 'prod')]);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout.trim()).toBe('');
    const result = generate(join(repo, 'apps', 'tomoda', 'overlays', 'prod'), env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/generated no objects/);
  });

  it("the sidecar's docker runs only the function image", () => {
    const other = run(join(CMP, 'docker'), ['run', '--rm', '-i', '--network', 'none', 'busybox:latest'], { env });
    expect(other.code).toBe(125);
    expect(other.stderr).toMatch(/cannot run image 'busybox:latest'/);
    expect(run(join(CMP, 'docker'), ['ps'], { env }).code).toBe(125);
  });

  it('the Application points the plugin at the overlay a developer builds', () => {
    const application = parse(readFileSync(join(CMP, 'application.yaml'), 'utf8'));
    expect(application.spec.source.plugin.name).toBe(plugin.metadata.name);
    expect(application.spec.source.path).toBe('k8s/apps/tomoda/overlays/prod');
    const sidecar = parse(readFileSync(join(CMP, 'argocd-repo-server-patch.yaml'), 'utf8')).spec.template.spec.containers[0];
    expect(sidecar.command).toEqual(['/var/run/argocd/argocd-cmp-server']);
    expect(sidecar.securityContext.runAsUser).toBe(999);
    expect(sidecar.volumeMounts.map((m: { mountPath: string }) => m.mountPath)).toEqual(['/var/run/argocd', '/home/argocd/cmp-server/plugins', '/tmp']);
  });
});

describe('Argo CD repo-server route', () => {
  it('argocd-cm enables functions and exec functions for kustomize', () => {
    const cm = parse(readFileSync(join(EXAMPLES, 'argocd', 'repo-server', 'argocd-cm-patch.yaml'), 'utf8'));
    expect(cm.metadata.name).toBe('argocd-cm');
    expect(cm.data['kustomize.buildOptions']).toBe('--enable-alpha-plugins --enable-exec');
  });

  it('the exec-function component switches the TomodaApp to the exec function and keeps the rest', () => {
    const dir = join(tempDir('exec-component'), 'app');
    mkdirSync(dir);
    const prodApp = join(TOMODA_EXAMPLE, 'overlays', 'prod', 'app');
    writeFileSync(join(dir, 'kustomization.yaml'), `resources:\n  - ${relative(dir, prodApp)}\ncomponents:\n  - ${relative(dir, join(EXAMPLES, 'components', 'exec-function'))}\n`);
    const withComponent = run(kubectl, ['kustomize', dir]);
    expect(withComponent.code).toBe(0);
    const app = find(parseObjects(withComponent.stdout), 'TomodaApp', 'tomoda');
    expect(parse(app.metadata.annotations!['config.kubernetes.io/function']!)).toEqual({ exec: { path: '/usr/local/bin/tomoda-app-fn' } });
    const without = find(parseObjects(run(kubectl, ['kustomize', prodApp]).stdout), 'TomodaApp', 'tomoda');
    expect({ ...app, metadata: { ...app.metadata, annotations: {} } }).toEqual({ ...without, metadata: { ...without.metadata, annotations: {} } });
  });
});
