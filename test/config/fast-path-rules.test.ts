// The schema's refinements are named predicates that the fast path calls too (src/config/generate-fast-parse.ts):
// each at its boundaries, alone and in a config, where the fast path and zod must agree and zod words the error.
import { describe, expect, it } from 'vitest';
import { fastParse } from '../../src/config/fast-parse.generated.js';
import { loadConfig } from '../../src/config/load.js';
import { TomodaApp } from '../../src/config/schema.js';
import { isCidr } from '../../src/k8s/cidr.js';
import { isIngressHostName, isNotIpAddress, isQualifiedNameWithinLimits } from '../../src/k8s/names.js';
import { isHttpUrl } from '../../src/k8s/text.js';
import { minimalConfig } from '../support/apps.js';

const a = (n: number) => 'a'.repeat(n);

/** A minimal valid config with `value` put where `rule` reads it. */
function configWith(rule: { name: string }, value: string): Record<string, any> {
  const config = minimalConfig();
  if (rule.name === 'isIngressHostName') config.spec.ingress = { routes: { r: { host: value, to: 'api' } } };
  if (rule.name === 'isNotIpAddress') config.spec.config = { webauthnRpId: value };
  if (rule.name === 'isQualifiedNameWithinLimits') config.spec.labels = { [value]: 'value' };
  if (rule.name === 'isCidr') config.spec.backend.pools.api.egress = { to: { out: { cidr: value } } };
  if (rule.name === 'isHttpUrl') config.spec.config = { frontendUrl: value };
  return config;
}

const RULES = [
  {
    name: 'isIngressHostName',
    predicate: isIngressHostName,
    error: 'is an IP address; an Ingress host must be a DNS name',
    accepted: ['app.example.com', '*.example.com', '1.2.3', '256.1.1.1', '1.2.3.4.5', '*.1.2.3.4', 'Not-A-Host'],
    refused: ['1.2.3.4', '0.0.0.0', '255.255.255.255'],
  },
  {
    name: 'isNotIpAddress',
    predicate: isNotIpAddress,
    error: 'is an IP address; a WebAuthn relying party ID is a domain',
    accepted: ['example.com', 'localhost', '1.2.3', '256.256.256.256'],
    refused: ['127.0.0.1', '::1', '2001:db8::1', '::'],
  },
  {
    name: 'isQualifiedNameWithinLimits',
    predicate: isQualifiedNameWithinLimits,
    error: 'the key is a key whose prefix is longer than 253 characters (254), so not a DNS-1123 subdomain',
    // a key of another shape (a name part over 63 characters included) is the pattern's error alone
    accepted: [a(63), a(64), 'example.com/name', `${a(63)}.${a(63)}.${a(63)}.${a(61)}/${a(63)}`, `${a(64)}/name`, 'Bad_/x', '/name'],
    refused: [`${a(63)}.${a(63)}.${a(63)}.${a(62)}/name`],
  },
  {
    name: 'isCidr',
    predicate: isCidr,
    error: 'must be a CIDR block such as 10.0.0.0/8 or 2001:db8::/32',
    accepted: ['10.0.0.0/8', '0.0.0.0/0', '10.0.0.1/32', '::/0', '2001:db8::/32', '2001:db8::1/128'],
    refused: ['10.0.0.0', '10.0.0.0/33', '10.0.0.256/8', '2001:db8::/129', '2001:db8:::/32', 'any', ''],
  },
  {
    name: 'isHttpUrl',
    predicate: isHttpUrl,
    error: 'must be an absolute http or https URL such as https://app.example.com',
    accepted: ['https://app.example.com', 'http://localhost:8081', 'https://[::1]:8443', 'https://app.example.com/path?q=1#x', 'https://a/ü'],
    refused: [
      'app.example.com',
      'ftp://app.example.com',
      'mailto:a@example.com',
      'HTTPS://app.example.com',
      'https://',
      'https:///app.example.com',
      'https:app.example.com',
      'https://\\app.example.com',
      ' https://app.example.com',
      'https://app.example.com ',
      'https://app.example.com\n',
      'https://exa\tmple.com',
      'https://a b',
      'https://:80',
      'https://exa%mple.com',
    ],
  },
];

describe.each(RULES)('$name', (rule) => {
  it('accepts and refuses at its boundaries', () => {
    expect(rule.accepted.filter((value) => !rule.predicate(value))).toEqual([]);
    expect(rule.refused.filter((value) => rule.predicate(value))).toEqual([]);
  });

  it('decides the same on both paths in a config, and zod words the error', () => {
    for (const value of [...rule.accepted, ...rule.refused]) {
      const config = configWith(rule, value);
      const fast = fastParse(config) !== undefined;
      expect({ value, fast }).toEqual({ value, fast: TomodaApp.safeParse(config).success });
      const errors = loadConfig(config).results.filter((r) => r.severity === 'error');
      if (rule.accepted.includes(value) && rule.name !== 'isQualifiedNameWithinLimits' && value !== 'Not-A-Host') expect(errors, value).toEqual([]);
      if (rule.refused.includes(value)) {
        expect(fast, value).toBe(false);
        // the sentence, before any hint of a name to try
        if (rule.error)
          expect(
            errors.some((r) => r.message.startsWith(rule.error)),
            `${value}: ${errors.map((r) => r.message).join('; ')}`,
          ).toBe(true);
        else expect(errors.length, value).toBeGreaterThan(0);
      }
    }
  });
});
