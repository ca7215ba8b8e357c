export declare function bundlePeer(root: string, cache: string): { file: string; kib: number; versions: { cdk8s: string; plus: string } };
export declare function referenceObjects(root: string): string[];
export declare function sameKindsAndNames(label: string, stdout: Buffer, expected: string[]): void;
