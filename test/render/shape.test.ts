// What every rendered object holds, whatever the config: a field the config leaves out is absent, not a key holding
// undefined (which YAML and JSON writers drop today, but which the object's own readers, such as the post-render
// checks and `'field' in object`, see).
import { describe, expect, it } from 'vitest';
import { renderAll } from '../../src/render/index.js';
import { fullConfig, loadModel, minimalConfig } from '../support/apps.js';

/** Paths of every undefined value under `value`. */
function undefinedPaths(value: unknown, path = ''): string[] {
  if (value === undefined) return [path];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => undefinedPaths(child, `${path}.${key}`));
}

describe('rendered objects', () => {
  it.each([
    ['the minimal config', minimalConfig()],
    ['the full config', fullConfig()],
  ])('hold no undefined value for %s', (_, config) => {
    const objects = renderAll(loadModel(config), { hashSuffix: false });
    expect(objects.flatMap((object) => undefinedPaths(object, `${object.kind}/${object.metadata.name}`))).toEqual([]);
  });
});
