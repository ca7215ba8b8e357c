import { describe, expect, it } from 'vitest';
import { cronProblem, timeZoneProblem } from '../../src/k8s/cron.js';
import { strictlyInside } from '../../src/k8s/cidr.js';

describe('cron schedules as Kubernetes parses them', () => {
  it('accepts five fields with lists, ranges, steps and names, and the @ descriptors', () => {
    for (const schedule of [
      '0 3 * * *',
      '*/15 * * * *',
      '0 9-17/2 * * MON-FRI',
      '5,35 0 1,15 JAN,jul ?',
      '0 0 31 12 6',
      '@daily',
      '@every 1h30m',
      '  0 3 * * *  ',
    ]) {
      expect(cronProblem(schedule), schedule).toBeUndefined();
    }
  });

  it('refuses a wrong field count, values out of range, reversed ranges, zero steps, unknown descriptors and a TZ prefix', () => {
    for (const schedule of [
      '0 3 * *',
      '0 3 * * * *',
      '60 * * * *',
      '0 24 * * *',
      '0 0 0 * *',
      '0 0 * 13 *',
      '0 0 * * 7',
      '0 5-3 * * *',
      '*/0 * * * *',
      '0 0 * * FUNDAY',
      '@fortnightly',
      'CRON_TZ=UTC 0 3 * * *',
      'TZ=UTC 0 3 * * *',
      '',
      '0 0 * * 1//2',
    ]) {
      expect(cronProblem(schedule), schedule).toBeDefined();
    }
  });

  it('takes time zones from the IANA database, spelled as it spells them', () => {
    expect(timeZoneProblem('Asia/Tokyo')).toBeUndefined();
    expect(timeZoneProblem('Etc/UTC')).toBeUndefined();
    expect(timeZoneProblem('asia/tokyo')).toMatch(/Asia\/Tokyo/);
    expect(timeZoneProblem('Local')).toBeDefined();
    expect(timeZoneProblem('Mars/Olympus')).toBeDefined();
  });
});

describe('CIDR except blocks', () => {
  it('must lie strictly inside the cidr, in the same family', () => {
    expect(strictlyInside('10.1.0.0/16', '10.0.0.0/8')).toBe(true);
    expect(strictlyInside('169.254.169.254/32', '0.0.0.0/0')).toBe(true);
    expect(strictlyInside('10.0.0.0/8', '10.0.0.0/8')).toBe(false);
    expect(strictlyInside('192.168.0.0/16', '10.0.0.0/8')).toBe(false);
    expect(strictlyInside('2001:db8:1::/48', '2001:db8::/32')).toBe(true);
    expect(strictlyInside('10.1.0.0/16', '2001:db8::/32')).toBe(false);
  });
});
