// What the commands need of the machine beyond reading files: whether a path is a directory, and a kustomize
// build. main.ts hands these to the commands; nothing else in src/commands touches the file system or spawns.
import { statSync } from 'node:fs';
import { InputError } from '../io/resource-list.js';
import type { CommandIo } from './command.js';

/** The kustomize on PATH: a standalone `kustomize build`, else `kubectl kustomize`. */
const BUILDERS = [
  ['kustomize', 'build'],
  ['kubectl', 'kustomize'],
] as const;

export const hostIo: Pick<CommandIo, 'isDirectory' | 'buildKustomization'> = {
  isDirectory: (path) => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false,
  buildKustomization(dir) {
    // Loaded on first use: a startup snapshot (main.ts) must not hold node:child_process, which Node warns about.
    const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
    for (const [command, verb] of BUILDERS) {
      const run = spawnSync(command, [verb, dir], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') continue;
      if (run.error) throw new InputError(`${command} ${verb} ${dir} failed: ${run.error.message}`);
      if (run.status !== 0) throw new InputError(`${command} ${verb} ${dir} failed: ${lastLine(run.stderr)}`);
      return run.stdout;
    }
    throw new InputError(`building ${dir} needs kustomize or kubectl on PATH; neither is there`);
  },
};

const lastLine = (text: string): string => text.trim().split('\n').at(-1) ?? '(no message)';
