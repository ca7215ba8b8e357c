// The golden cases' inputs, for the tests that walk them all. Some error cases hold input the function's reader
// refuses by design (text that is not YAML, an alias inside the value its anchor names): tests that compare readers
// or schemas on what was read walk `readableInputs`, the inputs the full reader takes, with what it read.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocumentList } from '../../src/io/parse-document-list.js';
import type { ResourceList } from '../../src/io/list-shape.js';
import { ROOT } from './run-fn.js';

export interface GoldenInput {
  name: string;
  text: string;
}

/** Every `testdata/<case>/input.yaml`, by case name. */
export function goldenInputs(): GoldenInput[] {
  return readdirSync(join(ROOT, 'testdata'))
    .sort()
    .map((name) => ({ name, file: join(ROOT, 'testdata', name, 'input.yaml') }))
    .filter(({ file }) => existsSync(file))
    .map(({ name, file }) => ({ name, text: readFileSync(file, 'utf8') }));
}

/** The inputs that are ResourceLists the full reader takes, with the list it read. */
export function readableInputs(): Array<GoldenInput & { list: ResourceList }> {
  return goldenInputs().flatMap((input) => {
    try {
      return [{ ...input, list: parseDocumentList(input.text) }];
    } catch {
      return [];
    }
  });
}
