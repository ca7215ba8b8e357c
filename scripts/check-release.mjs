// The release gate: one version everywhere. Fails (exit 1, one line per disagreement) unless the tag being
// released, package.json's version, what the built function answers to --version, and every image reference
// and release download in the repository (example annotations, docs, testdata, the Dockerfile, the README)
// name the same version.
// `npm test` runs it without a tag (test/package/release-gate.test.ts); the release workflow runs it on the tag,
// with the built single executables.
//
//   node scripts/check-release.mjs [--tag vX.Y.Z] [--executable FILE]... [--root DIR]
//
// --tag defaults to $GITHUB_REF_NAME when $GITHUB_REF_TYPE is "tag".
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    tag: { type: 'string', default: process.env.GITHUB_REF_TYPE === 'tag' ? process.env.GITHUB_REF_NAME : undefined },
    executable: { type: 'string', multiple: true, default: [] },
    root: { type: 'string', default: new URL('..', import.meta.url).pathname },
  },
});
const root = resolve(values.root);

/**
 * References that name a version: the images the Dockerfile's three targets are pushed as (a reference by
 * digest, `@sha256:`, is not checked) and the GitHub release's downloads.
 */
const VERSIONED_REFERENCE = /ghcr\.io\/tomoda-life\/tomoda-app-fn(?:-cmp|-exec)?:([A-Za-z0-9._-]+)|tomoda-app-fn\/releases\/download\/v([A-Za-z0-9._-]+)\//g;
/** Semantic Versioning 2.0.0, as npm and the tag filter read it. */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
/** Where other versions may appear on purpose: tests of other tags, the history, and what is not ours. */
const SKIPPED = /^(test\/|CHANGELOG\.md$|package-lock\.json$|node_modules\/|dist\/|coverage\/|\.git\/)/;

function releaseProblems({ root, tag, executables }) {
  const problems = [];
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (!SEMVER.test(version ?? '')) problems.push(`package.json: version "${version}" is not a semantic version`);
  if (tag !== undefined && tag !== `v${version}`) problems.push(`tag ${tag} does not match package.json version ${version} (expected tag v${version})`);

  const bundle = join(root, 'dist', 'tomoda-app-fn.cjs');
  if (!existsSync(bundle)) problems.push('dist/tomoda-app-fn.cjs does not exist: run npm run build first');
  for (const file of [...(existsSync(bundle) ? [bundle] : []), ...executables.map((e) => resolve(e))]) {
    const said = versionOf(file);
    if (said !== version) problems.push(`${relative(root, file)} --version says ${said}, package.json says ${version}`);
  }

  for (const file of repositoryFiles(root)) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    lines.forEach((line, index) => {
      for (const [reference, imageTag, releaseTag] of line.matchAll(VERSIONED_REFERENCE)) {
        if ((imageTag ?? releaseTag) !== version) problems.push(`${file}:${index + 1}: ${reference} (expected tag ${version})`);
      }
    });
  }
  return problems;
}

function versionOf(file) {
  try {
    return execFileSync(file.endsWith('.cjs') ? process.execPath : file, [...(file.endsWith('.cjs') ? [file] : []), '--version'], { encoding: 'utf8', env: {} }).trim();
  } catch (e) {
    return `nothing (${e.message.split('\n')[0]})`;
  }
}

/** Tracked text files (git ls-files), or every file under root where there is no git checkout. */
function repositoryFiles(root) {
  let files;
  try {
    files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\0').filter(Boolean);
  } catch {
    files = walk(root, '');
  }
  return files.filter((file) => !SKIPPED.test(file) && existsSync(join(root, file)) && isText(join(root, file)));
}

function walk(root, dir) {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (SKIPPED.test(`${path}${entry.isDirectory() ? '/' : ''}`)) return [];
    return entry.isDirectory() ? walk(root, path) : [path];
  });
}

const isText = (path) => statSync(path).size < 4 * 2 ** 20 && !readFileSync(path).subarray(0, 8000).includes(0);

if (resolve(process.argv[1] ?? '') === new URL(import.meta.url).pathname) {
  const problems = releaseProblems({ root, tag: values.tag, executables: values.executable });
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (problems.length) {
    console.error(`release check: ${problems.length} disagreement(s) with version ${version}:`);
    for (const problem of problems) console.error(`  ${problem}`);
    process.exit(1);
  }
  console.log(`release check: ${values.tag ? `tag ${values.tag}, ` : ''}package.json, --version and every image reference say ${version}`);
}
