// The bench's TypeScript peer (bench/peers/cdk8s) stays in step with testdata/prod: bundled as the bench
// bundles it, it prints the kinds and names the function writes, on stdout only, and the bench's check
// names an object the peer leaves out.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundlePeer, referenceObjects, sameKindsAndNames } from '../../bench/lib/cdk8s-peer.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('the cdk8s-plus peer of the bench', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tomoda-cdk8s-peer-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let output: Buffer | undefined;
  const peerOutput = (): Buffer => {
    if (output) return output;
    const peer = bundlePeer(ROOT, dir);
    const run = spawnSync(process.execPath, [peer.file], { cwd: dir });
    expect(run.stderr.toString()).toBe('');
    expect(run.status).toBe(0);
    output = run.stdout;
    return output;
  };

  it('prints the 16 kinds and names of testdata/prod/expected.yaml and writes no file', () => {
    const expected = referenceObjects(ROOT);
    expect(expected).toHaveLength(16);
    expect(() => sameKindsAndNames('the peer', peerOutput(), expected)).not.toThrow();
    expect(readdirSync(dir)).toEqual(['cdk8s-peer.cjs']);
  });

  it('the check names the object a peer leaves out', () => {
    const documents = peerOutput().toString().split(/^---$/m);
    const withoutOne = documents.filter((doc) => !/^ {2}name: tomoda-async-pdb$/m.test(doc)).join('---');
    expect(documents.length - withoutOne.split(/^---$/m).length).toBe(1);
    expect(() => sameKindsAndNames('the peer', Buffer.from(withoutOne), referenceObjects(ROOT))).toThrow(
      'the peer printed 15 objects, testdata/prod/expected.yaml holds 16; missing PodDisruptionBudget/tomoda-async-pdb',
    );
  });
});
