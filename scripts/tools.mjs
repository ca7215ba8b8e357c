// Where scripts/install-tools.sh puts the pinned Go tools of scripts/tool-versions.sh: read by the
// pipeline tests (test/pipeline/support.ts) and the bench (bench/lib/go-tools.mjs).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const text = readFileSync(new URL('./tool-versions.sh', import.meta.url), 'utf8');
const value = (name) => {
  const found = new RegExp(`^${name}="([^"]*)"$`, 'm').exec(text)?.[1];
  if (found === undefined) throw new Error(`scripts/tool-versions.sh sets no ${name}`);
  return found;
};

/** The pinned versions: standalone kustomize (Argo CD's first), Helm (the bench's Go peer). */
export const TOOL_VERSIONS = { kustomize: value('KUSTOMIZE_VERSIONS').split(/\s+/), helm: value('HELM_VERSION') };

/** <TOMODA_TOOLS_DIR or ~/.cache/tomoda-app-fn/tools>/<tool>-<version>/<tool>, as install-tools.sh writes it. */
export function installedTool(tool, version, env = process.env) {
  const dir = env.TOMODA_TOOLS_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'tomoda-app-fn', 'tools');
  return join(dir, `${tool}-${version}`, tool);
}
