// Validates objects against the Kubernetes OpenAPI schemas (kubernetes-models) and the External Secrets
// CRD schema (@kubernetes-models/external-secrets), and finds the unknown fields those schemas let through
// (the Kubernetes schemas do not set additionalProperties: false). The field lists come from the same
// packages' type declarations, read with the TypeScript compiler. Test-only: never imported from src/.
import ts from 'typescript';

export interface Checked {
  object: Record<string, any>;
  problems: string[];
}

/** CRD groups and the @kubernetes-models package that carries their schemas. */
const CRD_PACKAGES: Record<string, string> = {
  'external-secrets.io': '@kubernetes-models/external-secrets',
  'keda.sh': '@kubernetes-models/keda',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
};

/**
 * Kinds no package on npm carries a schema for: GKE Managed Prometheus (monitoring.googleapis.com) is not in
 * @kubernetes-models/gke. Their objects pass `check` unvalidated; output-validity.test.ts pins this list.
 */
export const WITHOUT_SCHEMA: ReadonlySet<string> = new Set(['monitoring.googleapis.com/v1/PodMonitoring']);

/** The module of one kind: kubernetes-models/apps/v1/Deployment, @kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject. */
export function modulePath(apiVersion: string, kind: string): string {
  const crdPackage = CRD_PACKAGES[apiVersion.slice(0, apiVersion.indexOf('/'))];
  return crdPackage ? `${crdPackage}/${apiVersion}/${kind}` : `kubernetes-models/${apiVersion}/${kind}`;
}

type ModelClass = new (data: unknown) => { validate(): void };

export class KubernetesSchemas {
  private constructor(
    private readonly classes: Map<string, ModelClass>,
    private readonly checker: ts.TypeChecker,
    private readonly types: Map<string, ts.Type>,
  ) {}

  /** Loads the validators and the type declarations of every kind among `objects` (one compiler run, ~2 s). */
  static async load(objects: ReadonlyArray<{ apiVersion: string; kind: string }>): Promise<KubernetesSchemas> {
    const kinds = [...new Set(objects.map((o) => `${o.apiVersion}/${o.kind}`))].filter((key) => !WITHOUT_SCHEMA.has(key)).sort();
    const classes = new Map<string, ModelClass>();
    for (const key of kinds) {
      const kind = key.slice(key.lastIndexOf('/') + 1);
      const apiVersion = key.slice(0, key.lastIndexOf('/'));
      const module = (await import(/* @vite-ignore */ modulePath(apiVersion, kind))) as Record<string, ModelClass>;
      const model = module[kind];
      if (!model) throw new Error(`${modulePath(apiVersion, kind)} exports no ${kind}`);
      classes.set(key, model);
    }
    const { checker, types } = declaredTypes(kinds);
    return new KubernetesSchemas(classes, checker, types);
  }

  check(object: Record<string, any>): string[] {
    const key = `${object.apiVersion}/${object.kind}`;
    if (WITHOUT_SCHEMA.has(key)) return [];
    const model = this.classes.get(key);
    const type = this.types.get(key);
    if (!model || !type) return [`no schema for ${key}`];
    return [...schemaProblems(model, object), ...unknownFields(this.checker, object, type, '')];
  }
}

function schemaProblems(model: ModelClass, object: unknown): string[] {
  try {
    new model(structuredClone(object)).validate();
    return [];
  } catch (e) {
    const errors = (e as { errors?: Array<{ instancePath: string; message?: string }> }).errors;
    return errors?.length ? errors.map((err) => `${err.instancePath || '/'} ${err.message ?? 'is invalid'}`) : [String((e as Error).message)];
  }
}

/** One TypeScript program over a virtual module that names each kind's interface (IDeployment, IExternalSecret, ...). */
function declaredTypes(kinds: string[]): { checker: ts.TypeChecker; types: Map<string, ts.Type> } {
  const fileName = `${process.cwd()}/__kinds__.ts`;
  const source = [
    ...kinds.map((key, i) => {
      const kind = key.slice(key.lastIndexOf('/') + 1);
      return `import type { I${kind} as K${i} } from '${modulePath(key.slice(0, key.lastIndexOf('/')), kind)}';`;
    }),
    `export interface Kinds {`,
    ...kinds.map((key, i) => `  ${JSON.stringify(key)}: K${i};`),
    `}`,
  ].join('\n');
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (name, language, ...rest) => (name === fileName ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, ...rest));
  host.fileExists = (name) => name === fileName || fileExists(name);
  const program = ts.createProgram([fileName], options, host);
  const problems = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (problems.length) throw new Error(`the kinds' type declarations do not load: ${ts.flattenDiagnosticMessageText(problems[0]!.messageText, ' ')}`);
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(fileName)!)!;
  const kindsType = checker.getDeclaredTypeOfSymbol(checker.getExportsOfModule(module).find((s) => s.name === 'Kinds')!);
  const types = new Map(checker.getPropertiesOfType(kindsType).map((p) => [p.name, checker.getTypeOfSymbol(p)]));
  return { checker, types };
}

/** Fields of `value` that its declared type does not have, as JSON pointers. */
export function unknownFields(checker: ts.TypeChecker, value: unknown, declared: ts.Type, pointer: string): string[] {
  const type = checker.getNonNullableType(declared);
  if (Array.isArray(value)) {
    const element = checker.isArrayType(type) ? checker.getTypeArguments(type as ts.TypeReference)[0] : undefined;
    return element ? value.flatMap((item, i) => unknownFields(checker, item, element, `${pointer}/${i}`)) : [];
  }
  if (typeof value !== 'object' || value === null) return [];
  const members = (type.isUnion() ? type.types : [type]).filter((t) => t.flags & ts.TypeFlags.Object);
  if (!members.length) return [`${pointer || '/'} is a map where the schema expects ${checker.typeToString(type)}`];
  const index = members.map((m) => checker.getIndexInfoOfType(m, ts.IndexKind.String)).find(Boolean);
  return Object.entries(value).flatMap(([key, child]) => {
    const property = members.map((m) => checker.getPropertyOfType(m, key)).find(Boolean);
    const path = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    if (property) return unknownFields(checker, child, checker.getTypeOfSymbol(property), path);
    if (index) return unknownFields(checker, child, index.type, path);
    return [`${path} is not a field of ${checker.typeToString(members[0]!)}`];
  });
}
