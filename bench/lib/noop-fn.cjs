// A KRM function that does nothing: it answers with the ResourceList it was given. Run through the
// docker stand-in, it is the floor for any Node function under kustomize (Node start + kustomize's own work).
process.stdout.write(require('node:fs').readFileSync(0));
