// Loaded before every test file (vitest.config.mts). The bundle's main.ts drops Node's process warnings, so a
// runner's stderr carries the function's own sentences only; tests that call the function in-process would
// still print the one the `yaml` library emits when a mutated config has a collection as a map key (the key is
// stringified, as in the bundle), and a reader takes that for a failure. Every other warning is still printed.
const YAML_COLLECTION_KEY = /^Keys with collection values will be stringified/;

const printers = process.listeners('warning');
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (YAML_COLLECTION_KEY.test(warning.message)) return;
  for (const print of printers) print(warning);
});
