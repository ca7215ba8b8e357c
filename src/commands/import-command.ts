// `import [FILE|DIR]`: Kubernetes objects in, the TomodaApp that renders them out (stdout), and on stderr a
// warning for every object and field the TomodaApp does not express. Exit 1 when no TomodaApp could be made.
import { FUNCTION_NAME, KIND, RESOURCE_LIST_API_VERSION } from '../constants.js';
import { loadConfig } from '../config/load.js';
import { InputError, serializeResourceList, stringifyValue } from '../io/resource-list.js';
import { renderAll, type KubeObject } from '../render/index.js';
import { error, hasErrors, warning, type Result } from '../results.js';
import { stderrOf, usageError, type Command, type CommandIo } from './command.js';
import { differences, functionDefaultOf, type Difference } from './import-diff.js';
import { importObjects, type ImportNote } from './import.js';
import { readObjects } from './objects.js';

const RESOURCE_LIST_FLAG = '--resource-list';

export const importCommand: Command = {
  name: 'import',
  usage: `  ${FUNCTION_NAME} import [SOURCE] write the ${KIND} that renders the same topology as existing manifests;
                                 SOURCE is a YAML stream, a ResourceList or a kustomization directory (built by
                                 the kustomize on PATH); none or "-" reads stdin; what it cannot express is
                                 reported on stderr, object, field and why; --resource-list writes a
                                 ResourceList with the ${KIND} as its item and the report as its results
`,
  run(allArgs, io) {
    const asList = allArgs.includes(RESOURCE_LIST_FLAG);
    const args = allArgs.filter((arg) => arg !== RESOURCE_LIST_FLAG);
    if (args.length > 1) return usageError(`import takes one file or directory, not ${args.length}`);
    const source = args[0] === undefined || args[0] === '-' ? 'stdin' : args[0];
    const { objects, results: loadResults } = readObjects(textOf(source, io), source);
    if (hasErrors(loadResults)) return { stdout: '', stderr: stderrOf(loadResults), code: 1 };
    const { app, notes, used } = importObjects(objects);
    let refs = refsOf(objects);
    if (!app)
      return {
        stdout: '',
        stderr: stderrOf([
          ...notes.map(noteResult(refs)),
          error('no-backend', [], `${source} holds no Deployment with a SERVER_MODE env var; there is no ${KIND} to write`),
        ]),
        code: 1,
      };
    const loaded = loadConfig(app);
    if (!loaded.model) return { stdout: stringifyValue(app), stderr: stderrOf([...notes.map(noteResult(refs)), ...loaded.results]), code: 1 };
    const rendered = renderAll(loaded.model, { hashSuffix: false });
    refs = refsOf(objects, rendered);
    const scaled = new Set(
      rendered
        .filter((o) => o.kind === 'HorizontalPodAutoscaler')
        .map((o) => `Deployment/${String((o.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name)}`),
    );
    const labels = (app.spec as { labels?: Record<string, string> }).labels ?? {};
    const lost = differences(used, rendered)
      .filter((d) => !functionDefaultOf(d, (object) => scaled.has(object)))
      .map((d) => differenceResult(d, labels, refs));
    const report = [...notes.map(noteResult(refs)), ...lost, ...loaded.results];
    const stdout = asList
      ? serializeResourceList({ apiVersion: RESOURCE_LIST_API_VERSION, items: [stringifyValue(app)], results: report })
      : `${stringifyValue(app)}\n`;
    return { stdout, stderr: stderrOf(report), code: 0 };
  },
};

function textOf(source: string, io: CommandIo): string {
  if (source === 'stdin') return io.readStdin();
  if (!io.isDirectory?.(source)) return io.readFile(source);
  if (!io.buildKustomization) throw new InputError(`${source} is a directory, and no kustomize is at hand to build it`);
  return io.buildKustomization(source);
}

type Refs = ReadonlyMap<string, KubeObject>;

/** The object a note is about, as kpt names it: the input's, else the rendered one's. */
function refOf(object: string, refs: Refs): Result['resourceRef'] {
  const [kind, ...name] = object.split('/');
  const found = refs.get(object);
  const namespace = found?.metadata.namespace;
  return { apiVersion: found?.apiVersion ?? '', kind: kind!, name: name.join('/'), ...(namespace ? { namespace } : {}) };
}

const refsOf = (...lists: ReadonlyArray<readonly KubeObject[]>): Refs =>
  new Map(
    lists
      .flat()
      .reverse()
      .map((o) => [`${o.kind}/${o.metadata.name}`, o]),
  );

const noteResult =
  (refs: Refs) =>
  (n: ImportNote): Result => ({
    ...warning('not-imported', n.path ? [n.path] : [], n.message),
    ...(n.path ? { field: { path: n.path } } : {}),
    resourceRef: refOf(n.object, refs),
  });

const shown = (value: unknown): string => (typeof value === 'string' && value.startsWith('(') ? value : JSON.stringify(value));

function differenceResult(d: Difference, labels: Record<string, string>, refs: Refs): Result {
  const label = /[sS]elector/.test(d.path) ? /(?:\.|\[)([^.[\]]+)\]?$/.exec(d.path)?.[1] : undefined;
  const hint =
    label && d.rendered === undefined && labels[label] !== undefined
      ? `; spec.labels stay off selectors: keep ${label} in selectors with kustomize labels and includeSelectors: true, as the examples do`
      : '';
  const message =
    d.input === undefined
      ? `the ${KIND} renders ${shown(d.rendered)} here, which the input does not have`
      : d.rendered === undefined
        ? `the input has ${shown(d.input)} here, which the ${KIND} does not express`
        : `the input has ${shown(d.input)}, the ${KIND} renders ${shown(d.rendered)}`;
  return { ...warning('not-expressed', [], message + hint), ...(d.path ? { field: { path: d.path } } : {}), resourceRef: refOf(d.object, refs) };
}
