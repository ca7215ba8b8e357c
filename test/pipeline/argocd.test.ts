// Argo CD, as close as this machine gets, with the real standalone kustomize Argo CD bundles.
// - The plugin sidecar: plugin.yaml's discover, init and generate commands run in a copy of the
//   repository under the sidecar image's shell and tools: BusyBox's sh and applets (Alpine has no bash
//   and no GNU grep), /usr/local/bin holding node, kustomize, the function and the sidecar's `docker`;
//   where this machine allows, in a mount namespace whose /bin/sh and /usr/bin/env are BusyBox, as
//   user 999.
// - The repo-server route: the exec-tool initContainer's `cp` into an emptyDir, mounted at
//   /usr/local/bin/tomoda-app-fn; kustomize runs the committed exec-function component under an empty
//   environment (only the image's PATH and HOME), as user 999.
// docs/pipelines.md says what is not reproduced.
import { chmodSync, copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  BUNDLE,
  copyDir,
  EXAMPLES,
  execBuilds,
  find,
  kustomizeDockerArgs,
  kustomizes,
  parseObjects,
  run,
  standaloneKustomizes,
  tempDir,
  TOMODA_EXAMPLE,
  TOOL_VERSIONS,
  which,
  type Run,
} from './support.js';

const CMP = join(EXAMPLES, 'argocd', 'cmp');
const plugin = parse(readFileSync(join(CMP, 'plugin.yaml'), 'utf8'));
const kubectl = kustomizes()[0]!.path;
/** The kustomize of the sidecar image and of Argo CD: the Dockerfile's KUSTOMIZE_VERSION, the first pinned one. */
const kustomize = standaloneKustomizes().found.find((k) => k.version === TOOL_VERSIONS.kustomize[0]);
const BUSYBOX = which('busybox');
if (!BUSYBOX && process.env.CI) throw new Error("busybox is not on PATH: .ci/run installs Debian's busybox package; the plugin's commands run under it");
if (!BUSYBOX) console.warn("skipping the Argo CD plugin tests: busybox is not on PATH (Debian's busybox package)");

const ARGOCD_UID = 999;
const isRoot = process.getuid?.() === 0;
const UNSHARE = which('unshare');
const MOUNT = which('mount');
const SETPRIV = which('setpriv');
/** A private mount namespace where bind mounts work: root, unshare and mount. */
const canMount = isRoot && !!UNSHARE && !!MOUNT && run(UNSHARE, ['--mount', MOUNT, '--bind', '/dev/null', '/dev/null']).code === 0;
const canSwitchUser = isRoot && !!SETPRIV;

/** A temp dir user 999 can read (and, with writable, write). */
function sharedDir(prefix: string, writable = false): string {
  const dir = tempDir(prefix);
  chmodSync(dir, writable ? 0o1777 : 0o755);
  return dir;
}

/**
 * Runs argv in cwd with exactly env, in a mount namespace prepared by `setup` (shell commands run as
 * root first, "$0" is BusyBox) where this machine allows, then as user 999 where it allows.
 */
function inContainer(argv: string[], options: { cwd: string; env: NodeJS.ProcessEnv; setup: string[] }): Run {
  const asArgocd = canSwitchUser ? [SETPRIV!, `--reuid=${ARGOCD_UID}`, `--regid=${ARGOCD_UID}`, '--clear-groups'] : [];
  if (!canMount) return run(asArgocd[0] ?? argv[0]!, [...asArgocd.slice(1), ...(asArgocd.length ? argv : argv.slice(1))], options);
  const script = [...options.setup, 'exec "$@"'].join(' && ');
  return run(UNSHARE!, ['--mount', BUSYBOX!, 'sh', '-c', script, BUSYBOX!, ...asArgocd, ...argv], options);
}

// ---- the plugin sidecar -----------------------------------------------------------------------------

interface Sidecar {
  env: NodeJS.ProcessEnv;
  run(command: { command: string[]; args?: string[] }, cwd: string, env?: NodeJS.ProcessEnv): Run;
}

/** The argocd-cmp image's PATH: /usr/local/bin (node, kustomize, the function, docker), then BusyBox's applets. */
function sidecar(kustomizePath: string): Sidecar {
  const root = sharedDir('cmp-image');
  const usrLocalBin = join(root, 'usr-local-bin');
  const applets = join(root, 'busybox-applets');
  mkdirSync(usrLocalBin);
  mkdirSync(applets);
  symlinkSync(process.execPath, join(usrLocalBin, 'node'));
  copyFileSync(kustomizePath, join(usrLocalBin, 'kustomize'));
  copyFileSync(BUNDLE, join(usrLocalBin, 'tomoda-app-fn'));
  copyFileSync(join(CMP, 'docker'), join(usrLocalBin, 'docker'));
  for (const tool of ['kustomize', 'tomoda-app-fn', 'docker']) chmodSync(join(usrLocalBin, tool), 0o755);
  for (const applet of run(BUSYBOX!, ['--list']).stdout.split('\n').filter(Boolean)) symlinkSync(BUSYBOX!, join(applets, applet));
  const home = sharedDir('cmp-home', true);
  const env = { PATH: `${usrLocalBin}:${applets}`, HOME: home, ARGOCD_APP_NAME: 'tomoda-prod', ARGOCD_APP_NAMESPACE: 'prod' };
  // The image's /bin/sh (the docker entry's interpreter) and /usr/bin/env (the bundle's) are BusyBox.
  const setup = ['/bin/sh', '/usr/bin/env'].map((path) => `${MOUNT} --bind "$0" ${path}`);
  return {
    env,
    run: ({ command, args = [] }, cwd, extra = {}) => inContainer([...command, ...args], { cwd, env: { ...env, ...extra }, setup }),
  };
}

/** A copy of the examples, as the plugin server unpacks the repository for each generate. */
function checkout(): string {
  const root = sharedDir('cmp-repo');
  return copyDir(join(EXAMPLES, 'k8s'), join(root, 'k8s'));
}
const prodOverlay = (repo: string): string => join(repo, 'apps', 'tomoda', 'overlays', 'prod');
const expected = (name: string): string => readFileSync(join(TOMODA_EXAMPLE, 'overlays', name, 'expected-output.yaml'), 'utf8');

describe('Argo CD plugin sidecar', () => {
  it('is a ConfigManagementPlugin with POSIX sh commands that fail on any error and keeps file modes', () => {
    expect(plugin.apiVersion).toBe('argoproj.io/v1alpha1');
    expect(plugin.kind).toBe('ConfigManagementPlugin');
    expect(plugin.metadata.name).toBe('tomoda-app-fn');
    for (const step of [plugin.spec.discover.find, plugin.spec.init, plugin.spec.generate]) expect(step.command[0]).toBe('sh');
    expect(plugin.spec.generate.args.join('\n')).toMatch(/^set -eu$/m);
    expect(plugin.spec.preserveFileMode).toBe(true);
  });

  it('the Application points the plugin at the overlay a developer builds', () => {
    const application = parse(readFileSync(join(CMP, 'application.yaml'), 'utf8'));
    expect(application.spec.source.plugin.name).toBe(plugin.metadata.name);
    expect(application.spec.source.path).toBe('k8s/apps/tomoda/overlays/prod');
    const sidecarSpec = parse(readFileSync(join(CMP, 'argocd-repo-server-patch.yaml'), 'utf8')).spec.template.spec.containers[0];
    expect(sidecarSpec.command).toEqual(['/var/run/argocd/argocd-cmp-server']);
    expect(sidecarSpec.securityContext.runAsUser).toBe(ARGOCD_UID);
    expect(sidecarSpec.volumeMounts.map((m: { mountPath: string }) => m.mountPath)).toEqual(['/var/run/argocd', '/home/argocd/cmp-server/plugins', '/tmp']);
    expect(sidecarSpec.env).toEqual([{ name: 'TOMODA_FN_IMAGES', value: 'ghcr.io/tomoda-life/tomoda-app-fn' }]);
  });
});

describe.skipIf(!BUSYBOX || !kustomize)(
  `Argo CD plugin sidecar under BusyBox, kustomize ${kustomize?.version}${canMount ? ', BusyBox /bin/sh' : ''}${canSwitchUser ? ', user 999' : ''}`,
  () => {
    const image = sidecar(kustomize!.path);

    it('discover matches overlays that patch a TomodaApp, and not other directories', () => {
      const repo = checkout();
      const prod = image.run(plugin.spec.discover.find, prodOverlay(repo));
      expect(prod.stderr).toBe('');
      expect(prod.stdout.trim()).toBe('./app/tomoda-app-patch.yaml');
      expect(image.run(plugin.spec.discover.find, join(repo, 'apps', 'tomoda', 'base')).stdout.trim()).toBe('./app/tomoda-app.yaml');
      const other = join(sharedDir('cmp-other'), 'manifests');
      mkdirSync(other);
      writeFileSync(join(other, 'deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n# kind: TomodaApp\n');
      expect(image.run(plugin.spec.discover.find, other)).toEqual({ stdout: '', stderr: '', code: 0 });
    });

    it("discover with GNU grep's --include (the command before) finds nothing under BusyBox", () => {
      const gnuOnly = { command: ['sh', '-c', "grep -rl --include='*.yaml' --include='*.yml' -e '^kind: TomodaApp' . | head -n 1"] };
      const result = image.run(gnuOnly, prodOverlay(checkout()));
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/unrecognized option/);
    });

    it('init checks the tools and prints their versions on stderr only', () => {
      const result = image.run(plugin.spec.init, prodOverlay(checkout()));
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`kustomize ${kustomize!.version}, tomoda-app-fn `);
    });

    it('init fails, naming the tool, in an image without kustomize or the function', () => {
      const applets = image.env.PATH!.split(':').at(-1)!;
      const result = image.run(plugin.spec.init, prodOverlay(checkout()), { PATH: applets });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/kustomize: not found/);
    });

    it.each(['dev', 'prod'])('generate renders overlays/%s exactly as kustomize does', (name) => {
      const result = image.run(plugin.spec.generate, join(checkout(), 'apps', 'tomoda', 'overlays', name));
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(expected(name));
    });

    it('generate fails, with nothing on stdout, when the function reports an error', () => {
      const repo = checkout();
      const patch = join(prodOverlay(repo), 'app', 'tomoda-app-patch.yaml');
      writeFileSync(
        patch,
        readFileSync(patch, 'utf8').replace('minReplicas: 2, maxReplicas: 6, scaleDownStabilizationWindowSeconds: 300', 'minReplicas: 7, maxReplicas: 6'),
      );
      const result = image.run(plugin.spec.generate, prodOverlay(repo));
      expect(result.code).not.toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/tomoda-app-fn: error/);
    });

    it('generate refuses empty output: an exec function kustomize may not run is skipped silently, and prune would delete everything', () => {
      // kubectl's kustomize has no --enable-exec: with the exec component it skips the function, exits 0, prints nothing.
      const repo = checkout();
      const app = join(prodOverlay(repo), 'app');
      writeFileSync(
        join(app, 'kustomization.yaml'),
        `${readFileSync(join(app, 'kustomization.yaml'), 'utf8')}components:\n  - ${relative(app, join(EXAMPLES, 'components', 'exec-function'))}\n`,
      );
      const skipped = run(kubectl, ['kustomize', '--enable-alpha-plugins', prodOverlay(repo)]);
      expect(skipped).toEqual({ stdout: '', stderr: '', code: 0 });
      const kustomizeShim = join(sharedDir('cmp-shim'), 'kustomize');
      writeFileSync(
        kustomizeShim,
        `#!/bin/sh\n# kustomize build . [flags], through kubectl kustomize (no --enable-exec there)\nexec ${kubectl} kustomize --enable-alpha-plugins .\n`,
        { mode: 0o755 },
      );
      const result = image.run(plugin.spec.generate, prodOverlay(repo), { PATH: `${join(kustomizeShim, '..')}:${image.env.PATH}` });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/generated no objects/);
    });

    describe('any registry: the sidecar runs the function for the images on TOMODA_FN_IMAGES', () => {
      const MIRROR = 'asia-east1-docker.pkg.dev/tomoda/tools/tomoda-app-fn';
      /** A checkout whose TomodaApp names the function image `image`. */
      function checkoutNaming(image: string): string {
        const repo = checkout();
        const base = join(repo, 'apps', 'tomoda', 'base', 'app', 'tomoda-app.yaml');
        const text = readFileSync(base, 'utf8');
        expect(text).toMatch(/image: ghcr\.io\/tomoda-life\/tomoda-app-fn:\S+\n/);
        writeFileSync(base, text.replace(/image: ghcr\.io\/tomoda-life\/tomoda-app-fn:(\S+)\n/, `image: ${image}:$1\n`));
        return repo;
      }

      it('a mirror on the allow-list renders the same objects', () => {
        const result = image.run(plugin.spec.generate, prodOverlay(checkoutNaming(MIRROR)), {
          TOMODA_FN_IMAGES: `ghcr.io/tomoda-life/tomoda-app-fn, ${MIRROR}`,
        });
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(result.stdout).toBe(expected('prod'));
      });

      it('an image off the allow-list is refused with a message that says what to do', () => {
        const result = image.run(plugin.spec.generate, prodOverlay(checkoutNaming(MIRROR)));
        expect(result.code).not.toBe(0);
        expect(result.stdout).toBe('');
        expect(result.stderr).toContain(`image '${MIRROR}:`);
        expect(result.stderr).toContain(
          "is not on the allow-list TOMODA_FN_IMAGES (ghcr.io/tomoda-life/tomoda-app-fn); this sidecar runs only the tomoda-app-fn function: add the image's repository to TOMODA_FN_IMAGES",
        );
      });

      const docker = (imageName: string, allowed?: string): Run =>
        image.run(
          {
            command: ['docker', ...kustomizeDockerArgs(imageName), '--version'],
          },
          '/',
          allowed === undefined ? {} : { TOMODA_FN_IMAGES: allowed },
        );

      it.each([
        ['ghcr.io/tomoda-life/tomoda-app-fn', undefined],
        ['ghcr.io/tomoda-life/tomoda-app-fn:0.1.0', undefined],
        [`ghcr.io/tomoda-life/tomoda-app-fn@sha256:${'a'.repeat(64)}`, undefined],
        [`ghcr.io/tomoda-life/tomoda-app-fn:0.1.0@sha256:${'a'.repeat(64)}`, undefined],
        [`${MIRROR}:0.1.0`, `ghcr.io/tomoda-life/tomoda-app-fn ${MIRROR}`],
        [`${MIRROR}:0.1.0`, 'asia-east1-docker.pkg.dev/tomoda/*/tomoda-app-fn'],
        ['registry.internal:5000/tomoda-app-fn:0.1.0', 'registry.internal:5000/tomoda-app-fn'],
      ])('runs %s (allow-list %s)', (imageName, allowed) => {
        expect(docker(imageName, allowed)).toMatchObject({ code: 0, stderr: '' });
      });

      it.each([
        ['busybox:latest', undefined],
        ['ghcr.io/tomoda-life/tomoda-app-fn-evil:0.1.0', undefined],
        ['ghcr.io/tomoda-life/tomoda-app-fn/x:0.1.0', undefined],
        ['evil.example/ghcr.io/tomoda-life/tomoda-app-fn:0.1.0', undefined],
        [`${MIRROR}:0.1.0`, undefined],
        ['registry.internal:5000/tomoda-app-fn:0.1.0', 'registry.internal/tomoda-app-fn'],
      ])('refuses %s (allow-list %s)', (imageName, allowed) => {
        const result = docker(imageName, allowed);
        expect(result.code).toBe(125);
        expect(result.stderr).toContain(`image '${imageName}' is not on the allow-list`);
      });

      it('refuses everything but docker run', () => {
        const result = image.run({ command: ['docker', 'ps'] }, '/');
        expect(result.code).toBe(125);
        expect(result.stderr).toMatch(/no container engine for 'docker ps'/);
      });
    });
  },
);

// ---- the repo-server route --------------------------------------------------------------------------

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
    writeFileSync(
      join(dir, 'kustomization.yaml'),
      `resources:\n  - ${relative(dir, prodApp)}\ncomponents:\n  - ${relative(dir, join(EXAMPLES, 'components', 'exec-function'))}\n`,
    );
    const withComponent = run(kubectl, ['kustomize', dir]);
    expect(withComponent.code).toBe(0);
    const app = find(parseObjects(withComponent.stdout), 'TomodaApp', 'tomoda');
    expect(parse(app.metadata.annotations!['config.kubernetes.io/function']!)).toEqual({ exec: { path: '/usr/local/bin/tomoda-app-fn' } });
    const without = find(parseObjects(run(kubectl, ['kustomize', prodApp]).stdout), 'TomodaApp', 'tomoda');
    expect({ ...app, metadata: { ...app.metadata, annotations: {} } }).toEqual({ ...without, metadata: { ...without.metadata, annotations: {} } });
  });
});

describe.skipIf(!kustomize || !BUSYBOX)(
  `Argo CD repo-server route, kustomize ${kustomize?.version}${canMount ? ', tools mounted at /usr/local/bin' : ''}${canSwitchUser ? ', user 999' : ''}`,
  () => {
    const initContainer = parse(readFileSync(join(EXAMPLES, 'argocd', 'repo-server', 'argocd-repo-server-patch.yaml'), 'utf8')).spec.template.spec
      .initContainers[0];
    const ARGOCD_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

    it.each(execBuilds().flatMap((fn) => ['dev', 'prod'].map((overlay) => ({ ...fn, overlay }))))(
      'the $name, copied in by the initContainer, builds overlays/$overlay with the committed exec-function component',
      ({ path, overlay }) => {
        // The exec-tool image: the executable at /tomoda-app-fn; its entrypoint copies it into the emptyDir, as 999.
        const layer = sharedDir('exec-tool');
        copyFileSync(path, join(layer, 'tomoda-app-fn'));
        chmodSync(join(layer, 'tomoda-app-fn'), 0o755);
        const customTools = sharedDir('custom-tools', true);
        expect(initContainer.securityContext.runAsUser).toBe(ARGOCD_UID);
        const copied = inContainer([BUSYBOX!, 'cp', join(layer, 'tomoda-app-fn'), join(customTools, 'tomoda-app-fn')], { cwd: '/', env: {}, setup: [] });
        expect(copied).toEqual({ stdout: '', stderr: '', code: 0 });

        // The repo-server: its own kustomize in /usr/local/bin, the emptyDir's file mounted (subPath) at
        // /usr/local/bin/tomoda-app-fn, nothing else of this machine's /usr/local/bin (no docker).
        const imageBin = sharedDir('argocd-image');
        copyFileSync(kustomize!.path, join(imageBin, 'kustomize'));
        chmodSync(join(imageBin, 'kustomize'), 0o755);
        const repo = checkout();
        const app = join(repo, 'apps', 'tomoda', 'overlays', overlay, 'app');
        let execPath = '/usr/local/bin/tomoda-app-fn';
        let setup: string[] = [];
        if (canMount) {
          setup = [
            `${MOUNT} -t tmpfs tmpfs /usr/local/bin`,
            `cp ${imageBin}/kustomize /usr/local/bin/kustomize`,
            ': > /usr/local/bin/tomoda-app-fn',
            `${MOUNT} --bind ${customTools}/tomoda-app-fn /usr/local/bin/tomoda-app-fn`,
            // The repo-server image has no Node.js: only the bundle needs this machine's.
            ...(path === BUNDLE ? [] : [`${MOUNT} --bind /dev/null ${process.execPath}`]),
          ];
        } else {
          execPath = join(customTools, 'tomoda-app-fn');
        }
        const component = join(sharedDir('exec-component'), 'exec-function');
        mkdirSync(component);
        writeFileSync(
          join(component, 'kustomization.yaml'),
          readFileSync(join(EXAMPLES, 'components', 'exec-function', 'kustomization.yaml'), 'utf8').replace(
            'path: /usr/local/bin/tomoda-app-fn\n',
            `path: ${execPath}\n`,
          ),
        );
        writeFileSync(
          join(app, 'kustomization.yaml'),
          `${readFileSync(join(app, 'kustomization.yaml'), 'utf8')}components:\n  - ${relative(app, component)}\n`,
        );
        const home = sharedDir('argocd-home', true);
        const kustomizeBin = canMount ? '/usr/local/bin/kustomize' : join(imageBin, 'kustomize');
        // Argo CD runs `kustomize build <path> <kustomize.buildOptions>`; an empty environment but the image's PATH and HOME.
        const built = inContainer([kustomizeBin, 'build', join(app, '..'), '--enable-alpha-plugins', '--enable-exec'], {
          cwd: '/',
          env: { PATH: canMount ? ARGOCD_PATH : `${imageBin}:${customTools}:/usr/bin:/bin`, HOME: home },
          setup,
        });
        expect(built.stderr).toBe('');
        expect(built.code).toBe(0);
        expect(built.stdout).toBe(expected(overlay));
      },
    );
  },
);
