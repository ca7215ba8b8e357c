// Legacy kustomize exec plugin mode. With only --enable-alpha-plugins (no Docker, and kubectl's
// kustomize, which has no --enable-exec), kustomize runs a TomodaApp that carries no function
// annotation through $KUSTOMIZE_PLUGIN_HOME/tomoda.life/v1alpha1/tomodaapp/TomodaApp, with the path of
// a file holding the config as the first argument, and reads plain YAML documents from stdout.
// kustomize honours needs-hash here as in generator mode, so the ConfigMap gets its content hash.
// cli.ts renders such a call as `render FILE` does, with the hash annotation.
/** kustomize hands the plugin a file path (it writes the config to a temp file); commands are bare words. */
export const isLegacyPluginCall = (arg: string): boolean => arg.includes('/');
