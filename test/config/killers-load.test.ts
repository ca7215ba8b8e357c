// loadConfig on edge inputs: the whole sentence and field path of every error it words (the kind check, the
// reserved-key guard, each zod issue code, the name hints), and the fast path agreeing with zod on what it accepts.
import { describe, expect, it } from 'vitest';
import { fastParse } from '../../src/config/fast-parse.generated.js';
import { loadConfig } from '../../src/config/load.js';
import { Image, TomodaApp } from '../../src/config/schema.js';
import { fullConfig, minimalConfig } from '../support/apps.js';

type Config = Record<string, any>;
const config = (change: (c: Config) => void): Config => {
  const c = minimalConfig();
  change(c);
  return c;
};
const pool = (change: (p: Config) => void): Config => config((c) => change(c.spec.backend.pools.api));
const errors = (input: unknown): [string | undefined, string][] => loadConfig(input).results.map((r) => [r.field?.path, r.message]);

const EXPECTED = 'this function reads kind TomodaApp (apiVersion tomoda.life/v1alpha1), but the functionConfig is';
const NOT_AN_OBJECT = 'the functionConfig must be a TomodaApp object (apiVersion tomoda.life/v1alpha1), not';
const LABEL = 'must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit';
const SUBDOMAIN = 'must be a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit';
const HOST = 'must be a host name such as postgres or db.example.com, or an IP address';
const REPOSITORY = 'must be a repository name: lowercase letters, digits and "/", ".", "_" or "-" between them';
const a = (n: number): string => 'a'.repeat(n);

describe('loadConfig words each error with its field and a whole sentence', () => {
  it.each<[string, unknown, [string | undefined, string][]]>([
    // not an object, and how a value is described
    ['null', null, [[undefined, `${NOT_AN_OBJECT} null`]]],
    ['a list', [], [[undefined, `${NOT_AN_OBJECT} a list`]]],
    ['a string', 'x', [[undefined, `${NOT_AN_OBJECT} the string "x"`]]],
    ['a number', 5, [[undefined, `${NOT_AN_OBJECT} number 5`]]],
    ['a string of 40 characters', 'y'.repeat(40), [[undefined, `${NOT_AN_OBJECT} the string "${'y'.repeat(40)}"`]]],
    ['a string of 41 characters', 'x'.repeat(41), [[undefined, `${NOT_AN_OBJECT} the string "${'x'.repeat(40)}…"`]]],
    // the kind and how a name from the input is shown
    ['no kind', { apiVersion: 'v' }, [['kind', `${EXPECTED} (no kind) (v)`]]],
    ['a kind of 60 characters', { kind: 'k'.repeat(60) }, [['kind', `${EXPECTED} ${'k'.repeat(60)}`]]],
    ['a kind of 61 characters', { kind: 'k'.repeat(61) }, [['kind', `${EXPECTED} "${'k'.repeat(60)}"…`]]],
    ['odd characters at the start and the end', { kind: ' Foo', apiVersion: 'Bar ' }, [['kind', `${EXPECTED} " Foo" ("Bar ")`]]],
    ['an odd character inside', { kind: 'a b' }, [['kind', `${EXPECTED} "a b"`]]],
    ['an empty apiVersion', { kind: 'Foo', apiVersion: '' }, [['kind', `${EXPECTED} Foo`]]],
    // reserved keys, in a list too
    [
      'a reserved key in a list item',
      config((c) => (c.spec.backend.envFrom = [JSON.parse('{"constructor":1}')])),
      [['spec.backend.envFrom[0].constructor', '"constructor" is not allowed as a key']],
    ],
    // invalid_type
    ['a missing field', config((c) => delete c.spec.backend.image.name), [['spec.backend.image.name', 'is required']]],
    ['a number for text', config((c) => (c.spec.backend.image.name = 5)), [['spec.backend.image.name', 'must be a string; quote it in YAML']]],
    ['a map for a number', pool((p) => (p.replicas = {})), [['spec.backend.pools.api.replicas', 'must be a number, not a map']]],
    ['a list for a number', pool((p) => (p.replicas = [])), [['spec.backend.pools.api.replicas', 'must be a number, not a list']]],
    ['null for a number', pool((p) => (p.replicas = null)), [['spec.backend.pools.api.replicas', 'must be a number, not null']]],
    ['a boolean for a number', pool((p) => (p.replicas = true)), [['spec.backend.pools.api.replicas', 'must be a number, not boolean true']]],
    ['a fraction for a whole number', pool((p) => (p.replicas = 1.5)), [['spec.backend.pools.api.replicas', 'must be a whole number, not number 1.5']]],
    ['a string for a map', config((c) => (c.spec.backend.image = 'x')), [['spec.backend.image', 'must be a map, not the string "x"']]],
    ['a string for a list', config((c) => (c.spec.backend.envFrom = 'x')), [['spec.backend.envFrom', 'must be a list, not the string "x"']]],
    ['a string for a boolean', pool((p) => (p.reloadOnChange = 'yes')), [['spec.backend.pools.api.reloadOnChange', 'must be a boolean, not the string "yes"']]],
    // invalid_value
    [
      'an enum of one value',
      pool((p) => (p.volumes = { cache: { emptyDir: { medium: 'Disk' }, mountPath: '/c' } })),
      [['spec.backend.pools.api.volumes.cache.emptyDir.medium', 'must be "Memory"']],
    ],
    [
      'a near enum value',
      config((c) => (c.spec.backend.image.pullPolicy = 'Alway')),
      [['spec.backend.image.pullPolicy', 'must be one of "Always", "IfNotPresent", "Never"; did you mean "Always"?']],
    ],
    [
      'a far enum value',
      config((c) => (c.spec.backend.image.pullPolicy = 'zzzzzzzz')),
      [['spec.backend.image.pullPolicy', 'must be one of "Always", "IfNotPresent", "Never"']],
    ],
    // too_small, too_big
    ['a number below its bound', pool((p) => (p.replicas = -1)), [['spec.backend.pools.api.replicas', 'must be at least 0']]],
    [
      'a number above a worded bound',
      pool((p) => (p.replicas = 2 ** 31)),
      [['spec.backend.pools.api.replicas', 'must be at most 2147483647 (a 32-bit integer)']],
    ],
    ['a list below its bound', pool((p) => (p.scheduling = { zones: [] })), [['spec.backend.pools.api.scheduling.zones', 'must be at least 1 entries']]],
    [
      'a string below its length',
      config((c) => (c.spec.backend.env = { A: { from: '', key: 'k' } })),
      [['spec.backend.env.A.from', 'must be at least 1 characters long']],
    ],
    ['a number below 1', pool((p) => (p.preStop = { sleepSeconds: 0 })), [['spec.backend.pools.api.preStop.sleepSeconds', 'must be at least 1']]],
    ['a number above its bound', pool((p) => (p.preStop = { sleepSeconds: 3601 })), [['spec.backend.pools.api.preStop.sleepSeconds', 'must be at most 3600']]],
    // unions
    [
      'a union no branch of which takes the type',
      pool((p) => (p.resources = { requests: { cpu: true } })),
      [['spec.backend.pools.api.resources.requests.cpu', 'has an invalid value boolean true']],
    ],
    ['a union given undefined', config((c) => (c.spec.backend.env = { A: undefined })), [['spec.backend.env.A', 'is required']]],
    [
      'a union whose first branch words the type',
      config((c) => (c.spec.backend.env = { A: 5 })),
      [['spec.backend.env.A', 'must be a string; quote it in YAML']],
    ],
    [
      'a union branch with a wrong type and a wrong value',
      config((c) => (c.spec.backend.env = { A: { from: 5, field: 'nope' } })),
      [
        ['spec.backend.env.A.from', 'must be a string, not number 5'],
        [
          'spec.backend.env.A.field',
          'must be one of "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.podIP", "status.hostIP"',
        ],
      ],
    ],
    // unknown keys below a union, a list and an optional
    [
      'an unknown key of a union’s map',
      config((c) => (c.spec.backend.env = { A: { form: 'config', key: 'k' } })),
      [['spec.backend.env.A.form', 'unknown field "form"; did you mean "from"?']],
    ],
    [
      'an unknown key of a list item',
      pool((p) => (p.patches = [{ mrege: {} }])),
      [['spec.backend.pools.api.patches[0].mrege', 'unknown field "mrege"; did you mean "merge"?']],
    ],
    [
      'an unknown key of an optional map',
      pool((p) => (p.autoscaling = { minReplicas: 1, maxReplicas: 2, behaviour: 1 })),
      [['spec.backend.pools.api.autoscaling.behaviour', 'unknown field "behaviour"; did you mean "behavior"?']],
    ],
    // name hints
    [
      'a key with capitals and underscores',
      config((c) => (c.spec.backend.pools = { '--Web__Pool--': { mode: 'async' } })),
      [['spec.backend.pools.--Web__Pool--', `the key ${LABEL}; try "web-pool"`]],
    ],
    [
      'a key one character too long',
      config((c) => (c.spec.backend.pools = { [`${a(62)}_b`]: { mode: 'async' } })),
      [[`spec.backend.pools.${a(62)}_b`, `the key must be at most 63 characters (a DNS-1123 label); try "${a(62)}"`]],
    ],
    [
      'a key too long',
      config((c) => (c.spec.backend.pools = { [a(70)]: { mode: 'async' } })),
      [[`spec.backend.pools.${a(70)}`, `the key must be at most 63 characters (a DNS-1123 label); try "${a(63)}"`]],
    ],
    ['a key with nothing to keep', config((c) => (c.spec.backend.pools = { ___: { mode: 'async' } })), [['spec.backend.pools.___', `the key ${LABEL}`]]],
    [
      'a subdomain with dots',
      config((c) => (c.spec.backend.image.pullSecrets = ['My_Secret..X'])),
      [['spec.backend.image.pullSecrets[0]', `${SUBDOMAIN}; try "my-secret..x"`]],
    ],
    [
      'a subdomain with runs of dashes',
      config((c) => (c.spec.backend.image.pullSecrets = ['a.-b--c_'])),
      [['spec.backend.image.pullSecrets[0]', `${SUBDOMAIN}; try "a.-b-c"`]],
    ],
    ['a subdomain the hint would not change', config((c) => (c.spec.backend.image.pullSecrets = ['a..b'])), [['spec.backend.image.pullSecrets[0]', SUBDOMAIN]]],
    [
      'a subdomain ending in a run of odd characters',
      config((c) => (c.spec.backend.image.pullSecrets = [`${a(252)}.-x`])),
      [
        ['spec.backend.image.pullSecrets[0]', 'must be at most 253 characters (a DNS-1123 subdomain)'],
        ['spec.backend.image.pullSecrets[0]', `${SUBDOMAIN}; try "${a(252)}"`],
      ],
    ],
    [
      'a subdomain cut before a run of odd characters',
      config((c) => (c.spec.backend.image.pullSecrets = [`${a(251)}.-x`])),
      [
        ['spec.backend.image.pullSecrets[0]', 'must be at most 253 characters (a DNS-1123 subdomain)'],
        ['spec.backend.image.pullSecrets[0]', `${SUBDOMAIN}; try "${a(251)}"`],
      ],
    ],
    [
      'a subdomain with a run of capitals',
      config((c) => (c.spec.backend.image.pullSecrets = ['aBCd'])),
      [['spec.backend.image.pullSecrets[0]', `${SUBDOMAIN}; try "abcd"`]],
    ],
    [
      'a subdomain with a run of underscores',
      config((c) => (c.spec.backend.image.pullSecrets = ['a__b'])),
      [['spec.backend.image.pullSecrets[0]', `${SUBDOMAIN}; try "a-b"`]],
    ],
    [
      'a label with a run of underscores',
      config((c) => (c.spec.backend.pools = { 'a__.b': { mode: 'async' } })),
      [['spec.backend.pools["a__.b"]', `the key ${LABEL}; try "a-b"`]],
    ],
    // the schema's own sentences
    [
      'a value padded with spaces',
      config((c) => (c.spec.config = { database: { host: ' db ', user: 'a', name: 'b' } })),
      [['spec.config.database.host', `has leading or trailing whitespace; ${HOST}`]],
    ],
    ['a value not padded', config((c) => (c.spec.config = { database: { host: 'bad host', user: 'a', name: 'b' } })), [['spec.config.database.host', HOST]]],
    [
      'a registry with a scheme',
      config((c) => (c.spec.backend.image.registry = 'https://x.io/a')),
      [['spec.backend.image.registry', 'must be a registry host and path without a URL scheme: drop the "https://"']],
    ],
    [
      'a registry without a scheme',
      config((c) => (c.spec.backend.image.registry = 'X Y')),
      [
        [
          'spec.backend.image.registry',
          'must be a registry host (with an optional port) and repository path, such as asia-east1-docker.pkg.dev/tomoda/repo: lowercase path parts, no tag or digest',
        ],
      ],
    ],
    [
      'an image name with a tag',
      config((c) => (c.spec.backend.image.name = 'backend:1.0')),
      [['spec.backend.image.name', 'must be the repository name alone; give the tag in tag and the digest in digest']],
    ],
    ['an image name with capitals', config((c) => (c.spec.backend.image.name = 'Back')), [['spec.backend.image.name', REPOSITORY]]],
  ])('%s', (_, input, expected) => {
    expect(errors(input)).toEqual(expected);
  });

  it('words a missing text field as required in the schema itself', () => {
    const parsed = Image.safeParse({ tag: '1' });
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['name', 'is required']]);
  });
});

describe('the fast path agrees with zod', () => {
  it.each<[string, unknown]>([
    ['the minimal config', minimalConfig()],
    ['the full config', fullConfig()],
    ['an unknown field', config((c) => (c.spec.backend.extra = 1))],
    ['env given undefined', config((c) => (c.spec.backend.env = { A: undefined }))],
    ['an optional field given undefined', config((c) => (c.spec.backend.image.tag = undefined))],
    ['a name of 63 characters', config((c) => (c.spec.backend.pools = { [a(63)]: { mode: 'async' } }))],
    ['a name of 64 characters', config((c) => (c.spec.backend.pools = { [a(64)]: { mode: 'async' } }))],
    ['a list item of the wrong type', config((c) => (c.spec.backend.envFrom = ['config', 1]))],
    ['a quantity as a number', pool((p) => (p.resources = { requests: { cpu: 0.5 } }))],
    ['a negative quantity', pool((p) => (p.resources = { requests: { cpu: -1 } }))],
  ])('%s', (_, input) => {
    const zod = TomodaApp.safeParse(input);
    const fast = fastParse(input);
    expect(fast === undefined).toBe(!zod.success);
    if (zod.success) expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
  });
});
