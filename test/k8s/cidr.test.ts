// CIDR blocks as the API server reads a NetworkPolicy ipBlock (src/k8s/cidr.ts).
import { describe, expect, it } from 'vitest';
import { isCidr, parseCidr, strictlyInside } from '../../src/k8s/cidr.js';

describe('parseCidr', () => {
  it.each(['10.0.0.0/8', '0.0.0.0/0', '192.168.1.0/32', '2001:db8::/32', '::/0', '::1/128', 'fd00:1:2:3:4:5:6:7/64'])('reads %s', (cidr) => {
    expect(isCidr(cidr)).toBe(true);
  });

  it.each([
    ['no length', '10.0.0.0'],
    ['an empty length', '10.0.0.0/'],
    ['a space before the length', '10.0.0.0/ 8'],
    ['a hexadecimal length', '10.0.0.0/0x8'],
    ['a fractional length', '10.0.0.0/8.0'],
    ['an exponent', '10.0.0.0/1e1'],
    ['a negative length', '10.0.0.0/-1'],
    ['a length past 32', '10.0.0.0/33'],
    ['a length past 128', '2001:db8::/129'],
    ['an octet past 255', '10.0.0.256/8'],
    ['three octets', '10.0.0/8'],
    ['two "::"', '2001::db8::/32'],
  ])('refuses %s', (_, cidr) => {
    expect(parseCidr(cidr)).toBeUndefined();
  });

  it('keeps the family and the length', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ family: 4, bits: 10n << 24n, prefix: 8 });
    expect(parseCidr('2001:db8::/32')?.prefix).toBe(32);
  });
});

describe('strictlyInside', () => {
  it('is true for a longer block inside the shorter one only', () => {
    expect(strictlyInside('10.1.0.0/16', '10.0.0.0/8')).toBe(true);
    expect(strictlyInside('10.0.0.0/8', '10.0.0.0/8')).toBe(false);
    expect(strictlyInside('11.0.0.0/16', '10.0.0.0/8')).toBe(false);
    expect(strictlyInside('10.0.0.0/8', '10.1.0.0/16')).toBe(false);
    expect(strictlyInside('2001:db8:1::/48', '2001:db8::/32')).toBe(true);
    expect(strictlyInside('10.1.0.0/16', '2001:db8::/32')).toBe(false);
  });
});
