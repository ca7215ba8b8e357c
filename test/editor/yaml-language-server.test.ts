// The real yaml-language-server (what VS Code's YAML extension, Neovim, Helix and others run), driven over its
// stdio protocol as an editor drives it, with the README's VS Code settings: the config schema reaches configs
// through their modeline, the patch schema reaches overlay patches through `yaml.schemas`, and each mistake
// is one diagnostic on its own line.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/run-fn.js';
import { LspClient, type Diagnostic } from './lsp-client.js';

const require = createRequire(import.meta.url);
const SERVER = join(require.resolve('yaml-language-server/package.json'), '..', 'bin', 'yaml-language-server');
const CONFIG = join(ROOT, 'fn-config', 'tomoda-app.yaml');
const PATCH = join(ROOT, 'examples', 'k8s', 'apps', 'tomoda', 'overlays', 'prod', 'app', 'tomoda-app-patch.yaml');

/** The `yaml.schemas` setting the README's Editors section shows. */
function readmeSettings(): Record<string, unknown> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Editors'));
  const block = /```json\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README.md: no ```json block under "### Editors"');
  return JSON.parse(block) as Record<string, unknown>;
}

/** Replaces the first line matching `from` and returns the text with the 0-based line number changed. */
function edit(text: string, from: RegExp, to: string): { text: string; line: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => from.test(l));
  if (line < 0) throw new Error(`no line matches ${from}`);
  lines[line] = lines[line]!.replace(from, to);
  return { text: lines.join('\n'), line };
}

const summary = (diagnostics: Diagnostic[]) => diagnostics.map((d) => ({ line: d.range.start.line, message: d.message }));

let client: LspClient;
beforeAll(async () => {
  const settings = readmeSettings();
  client = new LspClient(process.execPath, [SERVER, '--stdio'], {
    // No network: the schema store catalogue is what an editor fetches when the file names no schema.
    yaml: { validate: true, schemaStore: { enable: false }, schemas: settings['yaml.schemas'] },
  });
  await client.initialize(ROOT);
});
afterAll(async () => {
  await client?.shutdown();
});

describe('yaml-language-server with the committed schemas', () => {
  const config = readFileSync(CONFIG, 'utf8');
  const patch = readFileSync(PATCH, 'utf8');

  it('the README names both schema files, and the config starts with the modeline', () => {
    expect(Object.keys(readmeSettings()['yaml.schemas'] as object).sort()).toEqual(['./schema/tomodaapp-patch.schema.json', './schema/tomodaapp.schema.json']);
    expect(config.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/tomodaapp.schema.json');
  });

  it('a valid config gets no diagnostics', async () => {
    expect(summary(await client.diagnose(CONFIG, config))).toEqual([]);
  });

  it('a misspelt key and a value of the wrong type get one diagnostic each, on their lines', async () => {
    const typo = edit(config, /^(\s+)environment:/, '$1enviroment:');
    const wrongType = edit(typo.text, /port: 8080/, 'port: eighty');
    const diagnostics = summary(await client.diagnose(CONFIG, wrongType.text));
    expect(diagnostics.map((d) => d.line).sort((a, b) => a - b)).toEqual([typo.line, wrongType.line].sort((a, b) => a - b));
    expect(diagnostics.find((d) => d.line === typo.line)?.message).toMatch(/enviroment.*not allowed/);
    expect(diagnostics.find((d) => d.line === wrongType.line)?.message).toMatch(/Incorrect type\. Expected "integer"/);
  });

  it('without a modeline, the yaml.schemas setting maps a config to the config schema', async () => {
    const base = join(ROOT, 'examples', 'k8s', 'apps', 'tomoda', 'base', 'app', 'tomoda-app.yaml');
    const text = readFileSync(base, 'utf8').replace(/^# yaml-language-server: .*\n/, '');
    expect(text).not.toContain('yaml-language-server');
    expect(summary(await client.diagnose(base, text))).toEqual([]);
    const typo = edit(text, /^(\s+)registry:/, '$1registy:');
    expect(summary(await client.diagnose(base, typo.text)).map((d) => d.line)).toEqual([typo.line]);
  });

  it('an overlay patch validates against the patch schema: nothing required, null deletes', async () => {
    expect(patch).toMatch(/replicas: null/);
    expect(summary(await client.diagnose(PATCH, patch))).toEqual([]);
  });

  it('the patch schema keeps the value rules: a misspelt key and a bad value in a patch are reported', async () => {
    const typo = edit(patch, /^(\s+)envFrom:/, '$1envfrom:');
    const badValue = edit(typo.text, /^(\s+)sslMode: require/, '$1sslMode: always');
    const diagnostics = summary(await client.diagnose(PATCH, badValue.text));
    expect(diagnostics.map((d) => d.line).sort((a, b) => a - b)).toEqual([typo.line, badValue.line].sort((a, b) => a - b));
  });

  it('the same patch against the whole-config schema fails: the patch schema is the one applied', async () => {
    const withModeline = `# yaml-language-server: $schema=../../../../../../../schema/tomodaapp.schema.json\n${patch}`;
    expect((await client.diagnose(PATCH, withModeline)).length).toBeGreaterThan(0);
  });
});
