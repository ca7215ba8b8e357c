// kustomize's two ways of running the function that need telling apart from the rest.
import { ANNOTATION } from '../constants.js';
import type { Item } from '../io/resource-list.js';
import type { ResourceRef } from '../results.js';
import { sameObject } from './ownership.js';

/**
 * Generator mode (`generators:`) hands the function its own config as a local-config item and no file paths: only
 * there does kustomize honour needs-hash. The config stays in the output, so a second run sees the same.
 */
export const isGeneratorMode = (items: readonly Item[], config: ResourceRef | undefined): boolean =>
  items.some((item) => sameObject(item.head, config) && item.head.annotations[ANNOTATION.localConfig] === 'true');

/**
 * Legacy exec plugin mode. With only --enable-alpha-plugins (no Docker, and kubectl's kustomize, which has no
 * --enable-exec), kustomize runs a TomodaApp that carries no function annotation through
 * $KUSTOMIZE_PLUGIN_HOME/tomoda.life/v1alpha1/tomodaapp/TomodaApp with the path of a file holding the config (a
 * temp file it writes) as the only argument, and reads plain YAML documents from stdout. It honours needs-hash
 * there as in generator mode. Commands are bare words, so a path argument is such a call.
 */
export const isLegacyPluginCall = (arg: string): boolean => arg.includes('/');
