// Writes dist/tomoda-app-fn: the bundle inside a copy of the running node binary (a Node.js single executable
// application), for the routes where no Node.js exists: the Argo CD repo-server (its initContainer copies it in)
// and standalone kustomize's `exec:` functions. It runs on the platform and architecture it was built on;
// the release workflow builds one per runner. `npm run build:sea` builds the bundle first.
//
//   node scripts/build-sea.mjs [--out FILE]
//
// Node.js >= 25.5 writes the executable itself (`node --build-sea`); older ones write a blob that postject
// (a pinned dev dependency) injects into the copy.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { OUTFILE as BUNDLE } from './build.mjs';

const require = createRequire(import.meta.url);

/** The fuse every SEA-capable node binary carries; the one named in Node.js's documentation. */
const SENTINEL_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const { values } = parseArgs({ options: { out: { type: 'string', default: resolve(BUNDLE, '..', 'tomoda-app-fn') } } });
const out = resolve(values.out);

const [major, minor] = process.versions.node.split('.').map(Number);
const canBuildSea = major > 25 || (major === 25 && minor >= 5);
if (!readFileSync(process.execPath).includes(SENTINEL_FUSE)) {
  throw new Error(`${process.execPath} cannot make a single executable (no SEA fuse): use an official Node.js build`);
}

/**
 * Runs a build step and prints what it says except its progress lines and the warnings postject's ELF reader
 * prints for every node binary (it cannot name the .note sections; the executable is unaffected), which a
 * reader takes for failures. A failing step prints everything.
 */
function quiet(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  const said = `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '').split('\n').filter((line) => line.trim());
  const noise = /^(Wrote single executable preparation blob|Generated single executable|warning: Can't find string offset for section name '\.note[.\d]*'|Start injection|Injection done|💉)/;
  if (result.status !== 0) throw new Error(`${[command, ...args].join(' ')} failed:\n${said.join('\n')}`);
  for (const line of said) if (!noise.test(line)) console.error(line);
}

const work = mkdtempSync(join(tmpdir(), 'tomoda-sea-'));
try {
  const config = join(work, 'sea-config.json');
  const seaConfig = { main: BUNDLE, disableExperimentalSEAWarning: true, useCodeCache: true };
  if (canBuildSea) {
    writeFileSync(config, JSON.stringify({ ...seaConfig, output: out }));
    quiet(process.execPath, ['--build-sea', config]);
  } else {
    const blob = join(work, 'sea-prep.blob');
    writeFileSync(config, JSON.stringify({ ...seaConfig, output: blob }));
    quiet(process.execPath, ['--experimental-sea-config', config]);
    rmSync(out, { force: true });
    copyFileSync(process.execPath, out);
    chmodSync(out, 0o755);
    if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', out]);
    const postject = [require.resolve('postject/dist/cli.js'), out, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', SENTINEL_FUSE];
    if (process.platform === 'darwin') postject.push('--macho-segment-name', 'NODE_SEA');
    quiet(process.execPath, postject);
  }
  // macOS runs only signed executables: an ad-hoc signature replaces the one the node binary carried.
  if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', out]);
  chmodSync(out, 0o755);
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(out);
