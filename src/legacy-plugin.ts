// Legacy kustomize exec plugin mode. With only --enable-alpha-plugins (no Docker, and kubectl's
// kustomize, which has no --enable-exec), kustomize runs a TomodaApp that carries no function
// annotation through $KUSTOMIZE_PLUGIN_HOME/tomoda.life/v1alpha1/tomodaapp/TomodaApp, with the path of
// a file holding the config as the first argument, and reads plain YAML documents from stdout.
// kustomize honours needs-hash here as in generator mode, so the ConfigMap gets its content hash.
import { FUNCTION_NAME } from './constants.js';
import { loadConfig } from './config/load.js';
import { parseConfigFile } from './io/config-file.js';
import { stringifyValue } from './io/resource-list.js';
import { renderAll } from './render/index.js';
import { formatResult } from './results.js';
import { verifyContextOf } from './verify/context.js';
import { asDefect, verifyRendered } from './verify/index.js';

/** kustomize hands the plugin a file path (it writes the config to a temp file); commands are bare words. */
export const isLegacyPluginCall = (arg: string): boolean => arg.includes('/');

export function runLegacyPlugin(configText: string, source: string): { stdout: string; stderr: string; code: number } {
  const { app, results } = loadConfig(parseConfigFile(configText, source));
  const stderr = results.map((r) => `${FUNCTION_NAME}: ${formatResult(r)}\n`).join('');
  if (!app) return { stdout: '', stderr, code: 1 };
  const objects = renderAll(app, { hashSuffix: true });
  const defects = verifyRendered(objects, verifyContextOf(app, results)).map(asDefect);
  if (defects.length) return { stdout: '', stderr: stderr + defects.map((r) => `${FUNCTION_NAME}: ${formatResult(r)}\n`).join(''), code: 1 };
  return { stdout: objects.map((o) => `---\n${stringifyValue(o)}\n`).join(''), stderr, code: 0 };
}
