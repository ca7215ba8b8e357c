// Loaded before every test file (vitest setupFiles): one seed for every fast-check property, so a run finds what
// the last run found, in CI and locally. A failure prints its seed and path (fast-check's message);
// TOMODA_PROPERTY_SEED=<seed> replays it, TOMODA_PROPERTY_SEED=random explores with a fresh seed (printed too).
import fc from 'fast-check';

const DEFAULT_SEED = 20_260_101;

export function propertySeed(value = process.env.TOMODA_PROPERTY_SEED): number {
  if (value === undefined || value === '') return DEFAULT_SEED;
  if (value === 'random') return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(value);
  if (!Number.isSafeInteger(seed)) throw new Error(`TOMODA_PROPERTY_SEED must be an integer or "random", not ${JSON.stringify(value)}`);
  return seed;
}

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: propertySeed() });
