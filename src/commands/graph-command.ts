import { FUNCTION_NAME, KIND } from '../constants.js';
import { hasErrors } from '../results.js';
import { graphOf } from './graph.js';
import { stderrOf, usageError, type Command } from './command.js';
import { readObjects } from './objects.js';

export const graphCommand: Command = {
  name: 'graph',
  usage: `  ${FUNCTION_NAME} graph [FILE]    print a Mermaid flowchart of what a ${KIND} renders: hosts, Services,
                                 workloads, the Secrets and ConfigMaps they read, NetworkPolicy edges;
                                 FILE is a ${KIND}, a ResourceList or rendered objects; none or "-" reads stdin
`,
  run(args, io) {
    if (args.length > 1) return usageError(`graph takes one file, not ${args.length}`);
    const file = args[0];
    const { objects, results } = readObjects(
      file === undefined || file === '-' ? io.readStdin() : io.readFile(file),
      file === undefined || file === '-' ? 'stdin' : file,
    );
    if (hasErrors(results)) return { stdout: '', stderr: stderrOf(results), code: 1 };
    return { stdout: graphOf(objects), stderr: stderrOf(results), code: 0 };
  },
};
