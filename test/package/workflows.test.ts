// The GitHub Actions workflows cannot run here; what can be checked is that they are valid (actionlint, the
// WebAssembly build from npm) and that they do what the README and the Dockerfile say: CI runs the README's test
// command, a release builds every Dockerfile target for both architectures, signs, attests and gates on one version.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/run-fn.js';

const ACTIONLINT = join(ROOT, 'node_modules', '@tktco', 'node-actionlint', 'bin', 'node-actionlint.js');
const WORKFLOWS = join(ROOT, '.github', 'workflows');
const work = mkdtempSync(join(tmpdir(), 'tomoda-workflows-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  strategy?: { matrix: { include?: Record<string, string>[]; node?: number[] } };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}
const workflow = (file: string) => parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as Workflow;
const steps = (job: Job, action: string) => job.steps.filter((s) => s.uses?.startsWith(`${action}@`));
const runs = (job: Job) => job.steps.flatMap((s) => (s.run ? [s.run] : []));

/** actionlint over `.github/workflows/*` of `dir`: exit code and what it said. */
function actionlint(dir: string) {
  const result = spawnSync(process.execPath, [ACTIONLINT, '.github/workflows/*.{yml,yaml}'], { cwd: dir, encoding: 'utf8' });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the workflows', () => {
  const files = readdirSync(WORKFLOWS)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();

  // One actionlint run (about ten seconds, mostly idle) over a copy of the workflows plus one with a mistake:
  // the mistake must be found, and nothing in the real ones.
  it('lint clean under actionlint, which finds a mistake put beside them', () => {
    expect(files).toEqual(['ci.yml', 'release.yml']);
    mkdirSync(join(work, '.github', 'workflows'), { recursive: true });
    for (const file of files) copyFileSync(join(WORKFLOWS, file), join(work, '.github', 'workflows', file));
    const broken = readFileSync(join(WORKFLOWS, 'release.yml'), 'utf8').replace('packages: write', 'packages: write\n      package: write');
    writeFileSync(join(work, '.github', 'workflows', 'broken.yml'), broken);
    const result = actionlint(work);
    expect(result.output).toContain(`Checking ${files.length + 1} workflow file(s)`);
    const findings = result.output.split('\n').filter((line) => /^\S+\.ya?ml:\d+:\d+ /.test(line));
    expect(
      findings.filter((line) => !line.startsWith('.github/workflows/broken.yml:')),
      'findings in the real workflows',
    ).toEqual([]);
    expect(findings).toEqual([expect.stringContaining('unknown permission scope "package"')]);
    expect(result.code).toBe(1);
  });

  it('CI runs the README test command (through .ci/run) on pull requests, from the oldest supported Node.js on', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toMatch(/^npm ci && npm test\b/m);
    const ciRun = readFileSync(join(ROOT, '.ci', 'run'), 'utf8').split('\n');
    expect(ciRun).toContain('npm ci');
    expect(ciRun).toContain('npm test');
    expect(ciRun.indexOf('npm ci')).toBeLessThan(ciRun.indexOf('npm test'));
    const ci = workflow('ci.yml');
    expect(Object.keys(ci.on)).toContain('pull_request');
    const test = ci.jobs.test!;
    expect(runs(test).at(-1)).toBe('bash .ci/run');
    const { engines } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(Math.min(...test.strategy!.matrix.node!)).toBe(Number(/^>=(\d+)$/.exec(engines.node)?.[1]));
  });

  it('a release builds every Dockerfile target for amd64 and arm64 as the image the Dockerfile names, signed, with SBOM and provenance', () => {
    const release = workflow('release.yml');
    expect(release.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+*'] } });
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const images = release.jobs.images!;
    for (const { target, image } of images.strategy!.matrix.include!) {
      expect(dockerfile).toMatch(new RegExp(`^FROM \\S+ AS ${target}$`, 'm'));
      expect(dockerfile, `the Dockerfile names ${target}'s image`).toMatch(new RegExp(`-t ghcr\\.io/tomoda-life/${image}:`));
    }
    expect(images.strategy!.matrix.include!.map((m) => m.target).sort()).toEqual(['argocd-cmp', 'exec-tool', 'runtime']);
    const [build] = steps(images, 'docker/build-push-action');
    expect(build!.with).toMatchObject({ target: '${{ matrix.target }}', platforms: 'linux/amd64,linux/arm64', push: true, sbom: true, provenance: 'mode=max' });
    expect(steps(images, 'sigstore/cosign-installer')).toHaveLength(1);
    expect(runs(images).join('\n')).toMatch(/cosign sign --yes "\$\{IMAGE\}@\$\{DIGEST\}"/);
    expect(images.permissions).toMatchObject({ packages: 'write', 'id-token': 'write' });
  });

  it('a release gates on one version, attaches both single executables and publishes to npm with provenance', () => {
    const { jobs } = workflow('release.yml');
    expect(runs(jobs.check!)).toContain('npm run check:release -- --tag "$GITHUB_REF_NAME"');
    expect(jobs.sea!.needs).toBe('check');
    expect(jobs.images!.needs).toBe('check');
    expect(jobs.sea!.strategy!.matrix.include!.map((m) => m.arch)).toEqual(['x64', 'arm64']);
    expect(runs(jobs.sea!).join('\n')).toContain('npm run build:sea');
    expect(runs(jobs.sea!).join('\n')).toContain('--executable');
    for (const publisher of ['release', 'npm']) expect(jobs[publisher]!.needs).toEqual(['sea', 'images']);
    expect(runs(jobs.release!).join('\n')).toMatch(/gh release create .* tomoda-app-fn-linux-\* SHA256SUMS/s);
    expect(runs(jobs.npm!).join('\n')).toContain('npm publish --provenance --access public --tag "$dist_tag"');
    expect(jobs.npm!.permissions).toMatchObject({ 'id-token': 'write' });
  });

  it('the release notes step takes the CHANGELOG section of the version, and refuses a version it lacks', () => {
    const step = workflow('release.yml').jobs.release!.steps.find((x) => x.run?.includes('CHANGELOG.md'))!;
    const notes = (tag: string) => {
      const temp = mkdtempSync(join(work, 'notes-'));
      // the shell GitHub runs a step's script with
      const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, GITHUB_REF_NAME: tag, RUNNER_TEMP: temp },
      });
      return { code: result.status, stderr: result.stderr, notes: result.status === 0 ? readFileSync(join(temp, 'notes.md'), 'utf8') : '' };
    };
    const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
    const [, version, section] = /^## (\d+\.\d+\.\d+)[^\n]*\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(changelog)!;
    expect(notes(`v${version}`)).toEqual({ code: 0, stderr: '', notes: section });
    expect(notes('v99.0.0')).toMatchObject({ code: 1, stderr: "CHANGELOG.md has no '## 99.0.0' section\n" });
  });
});
