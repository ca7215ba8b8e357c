// kpt runs the function on examples/kpt/tomoda, a package whose Kptfile pipeline names it. The
// committed package is the rendered result: starting from only the Kptfile and the config, every way
// of running the function must write exactly the committed files, keep the config, and change nothing
// when run again. Each case works on a copy in a temp dir. UPDATE_GOLDEN=1 re-renders the committed package.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { BUNDLE, copyDir, EXAMPLES, FUNCTION_IMAGE, readTree, run, tempDir, toolEnv, which } from './support.js';

const PACKAGE_DIR = join(EXAMPLES, 'kpt', 'tomoda');
const CONFIG = join('app', 'tomoda-app.yaml');
const SOURCES = ['Kptfile', CONFIG];
if (!which('kpt')) throw new Error('kpt is not on PATH: the pipeline tests drive the real kpt');
const { env } = toolEnv();
const update = process.env.UPDATE_GOLDEN === '1';
if (update && process.env.CI) throw new Error('UPDATE_GOLDEN=1 is refused under CI: golden files are reviewed, not regenerated');
if (update) run('kpt', ['fn', 'render', '--allow-exec', PACKAGE_DIR], { env }); // re-render the committed package in place
const committed = readTree(PACKAGE_DIR);
const work = tempDir('kpt');
let copies = 0;

/** A copy of the package holding only what a user writes: the Kptfile and the TomodaApp. */
function sourcePackage(): string {
  const dir = copyDir(PACKAGE_DIR, join(work, `pkg-${++copies}`));
  for (const file of readTree(dir).keys()) if (!SOURCES.includes(file)) rmSync(join(dir, file));
  expect([...readTree(dir).keys()].sort()).toEqual([...SOURCES].sort());
  return dir;
}

const kpt = (args: string[]): void => {
  const result = run('kpt', args, { env });
  expect(result.code, result.stderr).toBe(0);
};

const ways: [string, (dir: string) => void][] = [
  ['kpt fn render --allow-exec (the Kptfile pipeline)', (dir) => kpt(['fn', 'render', '--allow-exec', dir])],
  ['kpt fn eval --exec --fn-config', (dir) => kpt(['fn', 'eval', '--exec', BUNDLE, '--fn-config', join(dir, CONFIG), dir])],
  [
    'kpt fn eval --image (the container, through the docker stand-in)',
    (dir) => kpt(['fn', 'eval', '--image', FUNCTION_IMAGE, '--fn-config', join(dir, CONFIG), dir]),
  ],
];

describe('kpt', () => {
  it('the committed package is a rendered one: the config plus one file per generated object', () => {
    const generated = [...committed.keys()].filter((file) => !SOURCES.includes(file));
    expect(generated.length).toBe(14);
    for (const file of generated) expect(file).toMatch(/^app\/[a-z]+_[a-z0-9-]+\.yaml$/);
    expect(generated).toContain('app/deployment_tomoda-api.yaml');
    expect(generated).toContain('app/configmap_backend-config-dev.yaml');
    expect(committed.get('app/deployment_tomoda-api.yaml')).toMatch(
      /^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n  name: tomoda-api\n  namespace: tomoda\n/,
    );
    // kpt owns file placement: no runner annotation is left in the files
    for (const [file, text] of committed) expect(text, file).not.toMatch(/config\.kubernetes\.io\/(path|index)|config\.k8s\.io\/id/);
  });

  it.each(ways)('%s writes the committed files, keeps the config, and a second run changes nothing', (_, runFn) => {
    const dir = sourcePackage();
    runFn(dir);
    const first = readTree(dir);
    expect(first.get(CONFIG)).toBe(committed.get(CONFIG));
    expect(first).toEqual(committed);
    runFn(dir);
    expect(readTree(dir)).toEqual(first);
  });

  it('render on the committed package changes nothing', () => {
    const dir = copyDir(PACKAGE_DIR, join(work, 'committed'));
    kpt(['fn', 'render', '--allow-exec', dir]);
    expect(readTree(dir)).toEqual(committed);
  });

  it('removing a pool from the config removes its files and leaves the rest', () => {
    const dir = copyDir(PACKAGE_DIR, join(work, 'remove-pool'));
    const config = parseDocument(readFileSync(join(dir, CONFIG), 'utf8'));
    config.deleteIn(['spec', 'backend', 'pools', 'tomoda-async']);
    writeFileSync(join(dir, CONFIG), config.toString());
    kpt(['fn', 'render', '--allow-exec', dir]);
    const after = readTree(dir);
    const gone = [...committed.keys()].filter((file) => !after.has(file));
    expect(gone.sort()).toEqual([
      'app/deployment_tomoda-async.yaml',
      'app/horizontalpodautoscaler_tomoda-async-hpa.yaml',
      'app/networkpolicy_tomoda-async-policy.yaml',
    ]);
    expect(after.get('app/deployment_tomoda-api.yaml')).toBe(committed.get('app/deployment_tomoda-api.yaml'));
  });

  it('prunes only what it generated: a labelled user object and the labelled TomodaApp stay, a removed pool goes', () => {
    const dir = copyDir(PACKAGE_DIR, join(work, 'prune'));
    const labels = { 'app.kubernetes.io/part-of': 'tomoda', 'app.kubernetes.io/managed-by': 'tomoda-app-fn' };
    const config = parseDocument(readFileSync(join(dir, CONFIG), 'utf8'));
    config.deleteIn(['spec', 'backend', 'pools', 'tomoda-async']);
    config.setIn(['metadata', 'namespace'], 'tomoda'); // the namespace its objects go to, as a user may well write it
    config.setIn(['metadata', 'labels'], labels);
    writeFileSync(join(dir, CONFIG), config.toString());
    const userFile = 'app/feature-flags.yaml';
    const user = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: feature-flags\n  namespace: tomoda\n  labels:\n${Object.entries(labels)
      .map(([k, v]) => `    ${k}: ${v}\n`)
      .join('')}data:\n  beta: "true"\n`;
    writeFileSync(join(dir, userFile), user);
    const before = readTree(dir);

    const result = run('kpt', ['fn', 'render', '--allow-exec', dir], { env });
    expect(result.code, result.stderr).toBe(0);
    const after = readTree(dir);
    expect(after.get(userFile)).toBe(user);
    expect(parseDocument(after.get(CONFIG)!).toJS()).toEqual(config.toJS()); // kpt respaces flow maps the yaml library wrote
    const gone = [...before.keys()].filter((file) => !after.has(file));
    expect(gone.sort()).toEqual([
      'app/deployment_tomoda-async.yaml',
      'app/horizontalpodautoscaler_tomoda-async-hpa.yaml',
      'app/networkpolicy_tomoda-async-policy.yaml',
    ]);
    expect(result.stderr).toContain('pruned Deployment tomoda-async (app/deployment_tomoda-async.yaml)');
    kpt(['fn', 'render', '--allow-exec', dir]);
    expect(readTree(dir)).toEqual(after);
  });

  it("refuses to overwrite a user's own object that has the name of a generated one, and leaves every file alone", () => {
    const dir = copyDir(PACKAGE_DIR, join(work, 'name-taken'));
    rmSync(join(dir, 'app', 'service_backend-service.yaml'));
    const mine =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: backend-service\n  namespace: tomoda\nspec:\n  selector:\n    app: legacy-backend\n  ports:\n  - port: 80\n';
    writeFileSync(join(dir, 'app', 'legacy-service.yaml'), mine);
    const before = readTree(dir);
    const result = run('kpt', ['fn', 'render', '--allow-exec', dir], { env });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Service tomoda/backend-service (app/legacy-service.yaml) was not generated for tomoda');
    expect(readTree(dir)).toEqual(before);
  });

  it('a config error fails the render, names the field, and leaves the files alone', () => {
    const dir = copyDir(PACKAGE_DIR, join(work, 'error'));
    writeFileSync(join(dir, CONFIG), committed.get(CONFIG)!.replace('maxReplicas: 3}', 'maxReplicas: three}'));
    const before = readTree(dir);
    const result = run('kpt', ['fn', 'render', '--allow-exec', dir], { env });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/maxReplicas/);
    expect(readTree(dir)).toEqual(before);
  });
});
