// The npm package as a user gets it: `npm pack` gives the tarball `npm publish` uploads; installed into a
// prefix of its own (as `npm i -g` does) and through `npm exec` (what `npx` runs), it works from any directory
// with nothing from this checkout: it has no dependencies, the bundle carries them.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/run-fn.js';

const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies?: object;
  bin: Record<string, string>;
  scripts: Record<string, string>;
};
const INPUT = readFileSync(join(ROOT, 'testdata', 'dev', 'input.yaml'), 'utf8');
const EXPECTED = readFileSync(join(ROOT, 'testdata', 'dev', 'expected.yaml'), 'utf8');
const NPM_CLI = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');

const work = mkdtempSync(join(tmpdir(), 'tomoda-npm-package-'));
const prefix = join(work, 'prefix');
const elsewhere = mkdtempSync(join(work, 'elsewhere-'));
/** What a shell has after `npm i -g --prefix`: the prefix's bin and node, nothing of this checkout. */
const env = {
  PATH: [join(prefix, 'bin'), dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter),
  HOME: work,
  npm_config_cache: join(work, 'npm-cache'),
  npm_config_update_notifier: 'false',
};

const run = (command: string, args: string[], options: SpawnSyncOptions = {}) => {
  const result = spawnSync(command, args, { cwd: elsewhere, env, encoding: 'utf8', ...options });
  return { stdout: String(result.stdout), stderr: String(result.stderr), code: result.status };
};
const npm = (args: string[], options: SpawnSyncOptions = {}) => run(process.execPath, [existsSync(NPM_CLI) ? NPM_CLI : 'npm', ...args], options);

let tarball: string;
let files: string[];
beforeAll(() => {
  // --ignore-scripts: prepack would rebuild the bundle other test files are running; `npm test` built it already.
  const packed = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT });
  expect(packed.code, packed.stderr).toBe(0);
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, info!.filename);
  files = info!.files.map((f) => f.path).sort();
  const installed = npm(['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball]);
  expect(installed.code, installed.stderr).toBe(0);
  expect(installed.stderr).not.toMatch(/EBADENGINE|deprecated/);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the npm package', () => {
  it('is publishable and holds the bundle, the editor schemas and the docs, nothing else', () => {
    expect(PACKAGE).not.toHaveProperty('private');
    expect(PACKAGE.dependencies ?? {}).toEqual({});
    expect(PACKAGE.scripts.prepack, 'npm pack and npm publish build the bundle first').toBe('npm run build');
    expect(files).toEqual(
      ['CHANGELOG.md', 'README.md', PACKAGE.bin['tomoda-app-fn'], 'package.json', 'schema/tomodaapp-patch.schema.json', 'schema/tomodaapp.schema.json'].sort(),
    );
  });

  it('installed with npm i -g, answers --version from another directory', () => {
    expect(run('tomoda-app-fn', ['--version'])).toEqual({ stdout: `${PACKAGE.version}\n`, stderr: '', code: 0 });
  });

  it('renders the built-in example and a config file in the current directory', () => {
    const example = run('tomoda-app-fn', ['render']);
    expect(example.stderr).toBe('');
    expect(example.code).toBe(0);
    expect(example.stdout).toMatch(/^---\napiVersion: /);
    expect(example.stdout).toContain('\nkind: Deployment\nmetadata:\n  name: tomoda-api\n');
    copyFileSync(join(ROOT, 'fn-config', 'tomoda-app.yaml'), join(elsewhere, 'tomoda-app.yaml'));
    expect(run('tomoda-app-fn', ['render', 'tomoda-app.yaml'])).toEqual(example);
  });

  it('runs as the KRM function: a ResourceList in, the expected ResourceList out', () => {
    expect(run('tomoda-app-fn', [], { input: INPUT })).toEqual({ stdout: EXPECTED, stderr: '', code: 0 });
  });

  it('ships the schemas an editor setting can point at', () => {
    const installedSchema = join(prefix, 'lib', 'node_modules', PACKAGE.name, 'schema', 'tomodaapp.schema.json');
    expect(readFileSync(installedSchema, 'utf8')).toBe(readFileSync(join(ROOT, 'schema', 'tomodaapp.schema.json'), 'utf8'));
  });

  it('runs through npm exec (what npx runs) from the tarball', () => {
    const result = npm(['exec', '--yes', '--offline', `--package=${tarball}`, '--', 'tomoda-app-fn', '--version']);
    expect(result.stdout).toBe(`${PACKAGE.version}\n`);
    expect(result.code).toBe(0);
  });
});
