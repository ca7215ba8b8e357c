// generate(config) → objects and results: load → render → verify, the one path from a TomodaApp to the objects it
// stands for. The KRM function (process.ts), `render FILE` and the legacy kustomize plugin (cli.ts) all run it.
import { loadConfig } from './config/load.js';
import type { Model } from './config/model.js';
import { renderAll, type KubeObject, type RenderOptions } from './render/index.js';
import type { Result } from './results.js';
import { verifyContextOf } from './verify/context.js';
import { asDefect, verifyRendered } from './verify/index.js';

export type Generated =
  /** The config was valid and the objects passed the post-render checks; `results` holds warnings at most. */
  | { objects: KubeObject[]; model: Model; results: Result[] }
  /** The config was refused, or (a bug here) the objects made from it failed a check: nothing to write. */
  | { objects?: undefined; model?: undefined; results: Result[] };

export function generate(config: unknown, options: RenderOptions): Generated {
  const { app, model, results } = loadConfig(config);
  if (!app || !model) return { results };
  const objects = renderAll(model, options);
  // The config was valid, so anything the checks find in the objects made from it is a bug here: say so, write none.
  const defects = verifyRendered(objects, verifyContextOf(model)).map(asDefect);
  return defects.length ? { results: [...results, ...defects] } : { objects, model, results };
}
