export declare const TOOL_VERSIONS: { kustomize: string[]; scoreK8s: string };
export declare function installedTool(tool: string, version: string, env?: NodeJS.ProcessEnv): string;
