// The commands beside render and schema: each module exports one Command, and cli.ts dispatches by name.
import type { Command } from './command.js';
import { graphCommand } from './graph-command.js';
import { importCommand } from './import-command.js';
import { lintCommand } from './lint-command.js';

export const COMMANDS: readonly Command[] = [graphCommand, lintCommand, importCommand];

export const commandNamed = (name: string): Command | undefined => COMMANDS.find((command) => command.name === name);

export type { Command, CommandIo, CommandOutput } from './command.js';
