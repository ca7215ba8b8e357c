// generate(config) → objects and results: load → render → verify → the user's patches → verify again, the one path
// from a TomodaApp to the objects it stands for. The KRM function (process.ts), `render FILE` and the legacy
// kustomize plugin (cli.ts) all run it.
import { loadConfig } from './config/load.js';
import type { Model } from './config/model.js';
import { renderAll, type KubeObject, type RenderOptions } from './render/index.js';
import { applyPatches } from './render/patch.js';
import { hasErrors, type Result } from './results.js';
import { verifyContextOf } from './verify/context.js';
import { asDefect, verifyRendered } from './verify/index.js';
import { checkPatched } from './verify/patched.js';

export type Generated =
  /** The config was valid and the objects passed the post-render checks; `results` holds warnings at most. */
  | { objects: KubeObject[]; model: Model; results: Result[] }
  /** The config was refused, or (a bug here) the objects made from it failed a check: nothing to write. */
  | { objects?: undefined; model?: undefined; results: Result[] };

export function generate(config: unknown, options: RenderOptions): Generated {
  const { app, model, results } = loadConfig(config);
  if (!app || !model) return { results };
  const rendered = renderAll(model, options);
  // The config was valid, so anything the checks find in the objects made from it is a bug here: say so, write none.
  const context = verifyContextOf(model);
  const defects = verifyRendered(rendered, context).map(asDefect);
  if (defects.length) return { results: [...results, ...defects] };
  // The user's patches (the escape hatch) apply after that, and the same checks judge what they did.
  const patched = applyPatches(rendered, model);
  const patchResults = hasErrors(patched.results) ? patched.results : [...patched.results, ...checkPatched(patched, context)];
  if (hasErrors(patchResults)) return { results: [...results, ...patchResults] };
  return { objects: patched.objects, model, results: [...results, ...patchResults] };
}
