import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { jsonSchema } from '../src/schema-export.js';
import { ROOT, runFn } from './support/run-fn.js';

const noInput = { readStdin: () => '', readFile: () => '' };

describe('cli', () => {
  it('prints help and version', () => {
    expect(runCli(['--help'], noInput)).toMatchObject({ code: 0, stdout: expect.stringContaining('render [FILE]') });
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(runCli(['--version'], noInput)).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('refuses unknown commands with a suggestion', () => {
    expect(runCli(['rendr'], noInput)).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('did you mean "render"?') });
  });

  it('commits the JSON Schema it prints, for editors', () => {
    const committed = JSON.parse(readFileSync(join(ROOT, 'schema/tomodaapp.schema.json'), 'utf8')) as unknown;
    expect(committed).toEqual(jsonSchema());
    expect(JSON.stringify(committed)).toContain('"additionalProperties":false');
  });

  it('renders a TomodaApp file as YAML documents without kustomize', () => {
    const run = runFn('', ['render', 'fn-config/tomoda-app.yaml']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const docs = parseAllDocuments(run.stdout) as unknown as Array<{ toJS(): { kind: string; metadata: { name: string; annotations?: object } } }>;
    expect(docs.map((d) => `${d.toJS().kind}/${d.toJS().metadata.name}`)).toContain('Deployment/tomoda-api');
    expect(docs).toHaveLength(14);
    expect(
      docs.every((d) => d.toJS().metadata.annotations === undefined || !JSON.stringify(d.toJS().metadata.annotations).includes('config.kubernetes.io')),
    ).toBe(true);
  });

  it('renders the built-in example and stdin the same way', () => {
    const file = readFileSync(join(ROOT, 'fn-config/tomoda-app.yaml'), 'utf8');
    const fromFile = runFn('', ['render', 'fn-config/tomoda-app.yaml']).stdout;
    expect(runFn('', ['render']).stdout).toBe(fromFile);
    expect(runFn(file, ['render', '-']).stdout).toBe(fromFile);
  });

  it('reports a missing file in one line', () => {
    const run = runFn('', ['render', 'no/such/file.yaml']);
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'tomoda-app-fn: error: no/such/file.yaml does not exist\n' });
  });
});

describe('render FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tomoda-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const example = readFileSync(join(ROOT, 'fn-config/tomoda-app.yaml'), 'utf8');
  const file = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('names the file in every error about its content', () => {
    const path = file('typo.yaml', example.replace('environment: dev', 'enviroment: dev'));
    const run = runFn('', ['render', path]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`tomoda-app-fn: ${path}: error: spec.enviroment: unknown field "enviroment"; did you mean "environment"?\n`);
  });

  it('refuses a file with several TomodaApps instead of rendering one of them', () => {
    const second = example.replace(/name: tomoda\n/, 'name: tomoda-two\n');
    const path = file('two.yaml', `${example}---\n${second}`);
    const run = runFn('', ['render', path]);
    expect(run).toEqual({ code: 1, stdout: '', stderr: `tomoda-app-fn: error: ${path} holds 2 TomodaApp documents; render takes exactly one\n` });
  });

  it('renders the one TomodaApp of a stream that holds other documents too', () => {
    const path = file('mixed.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n---\n${example}`);
    expect(runFn('', ['render', path]).stdout).toBe(runFn('', ['render']).stdout);
  });
});

describe('stderr escapes control characters echoed from the input', () => {
  const ESC = '\u001b';
  const oneEscapedLine = (stderr: string): void => {
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  };

  it('in a ResourceList kind', () => {
    // Escapes in the YAML (a raw control character is refused as not YAML before anything echoes it).
    const run = runFn(`apiVersion: config.kubernetes.io/v1\nkind: "Resource\\x1b[2JList\\nx\\u009b"\nitems: []\n`);
    expect(run.code).toBe(1);
    oneEscapedLine(run.stderr);
    expect(run.stderr).toContain('its kind is Resource\\u001b[2JList\\nx\\u009b');
  });

  it('and the bidirectional overrides that reorder what a terminal shows', () => {
    const run = runFn('', ['render', 'evil\u202egpj.yaml']);
    expect(run.stderr).toBe('tomoda-app-fn: error: evil\\u202egpj.yaml does not exist\n');
  });

  it('in a file name', () => {
    const run = runFn('', ['render', `no/such${ESC}[31m\nfile.yaml`]);
    expect(run.code).toBe(1);
    oneEscapedLine(run.stderr);
    expect(run.stderr).toBe('tomoda-app-fn: error: no/such\\u001b[31m\\nfile.yaml does not exist\n');
  });

  it('in an unknown command', () => {
    const out = runCli([`rendr${ESC}[8m`], noInput);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe('tomoda-app-fn: unknown command "rendr\\u001b[8m"\nRun tomoda-app-fn --help for usage.\n');
  });
});

describe('stderr', () => {
  it("holds only the function's sentences, no Node warning, even for a pass-through item with a collection as a key", () => {
    const input =
      'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: odd\n  data: {? [2001-12-14] : x}\n';
    const run = runFn(input);
    expect(run.stderr).toBe(
      'tomoda-app-fn: error: the ResourceList has no functionConfig; give this function a TomodaApp (apiVersion tomoda.life/v1alpha1) as its config\n',
    );
    expect(run.code).toBe(1);
  });
});
