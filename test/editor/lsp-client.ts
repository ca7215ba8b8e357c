// A minimal Language Server Protocol client over stdio: enough to start yaml-language-server as an editor
// does, hand it settings, open documents and collect the diagnostics it publishes.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  severity?: number;
  source?: string;
}

interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string };
}

export class LspClient {
  private readonly server: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  /** Distinct per open: the server caches parsed documents by URI and version. */
  private nextVersion = 1;
  private readonly pending = new Map<number, (message: Message) => void>();
  private readonly diagnostics = new Map<string, ((diagnostics: Diagnostic[]) => void)[]>();
  stderr = '';

  /** Starts `command args` and answers its requests for settings from `settings` (keyed by section). */
  constructor(
    command: string,
    args: string[],
    private readonly settings: Record<string, unknown>,
  ) {
    this.server = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.server.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.server.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  async initialize(rootDir: string): Promise<void> {
    const rootUri = pathToFileURL(rootDir).href;
    await this.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'root' }],
      capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { publishDiagnostics: {} } },
    });
    this.notify('initialized', {});
    this.notify('workspace/didChangeConfiguration', { settings: this.settings });
  }

  /**
   * Opens a document, resolves with the first diagnostics the server publishes for it, and closes it again
   * (after the empty list the server publishes on close, so that list is not taken for the next open's).
   */
  async diagnose(path: string, text: string): Promise<Diagnostic[]> {
    const uri = pathToFileURL(path).href;
    const opened = this.published(uri);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: this.nextVersion++, text } });
    const diagnostics = await opened;
    const closed = this.published(uri);
    this.notify('textDocument/didClose', { textDocument: { uri } });
    await closed;
    return diagnostics;
  }

  private published(uri: string): Promise<Diagnostic[]> {
    return new Promise((resolve) => this.diagnostics.set(uri, [...(this.diagnostics.get(uri) ?? []), resolve]));
  }

  async shutdown(): Promise<void> {
    await this.request('shutdown', null);
    this.notify('exit', null);
    await new Promise((resolve) => (this.server.exitCode === null ? this.server.once('exit', resolve) : resolve(undefined)));
  }

  private request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (message) => (message.error ? reject(new Error(`${method}: ${message.error.message}`)) : resolve(message.result)));
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  private notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.server.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const message = JSON.parse(this.buffer.subarray(start, start + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(start + length);
      this.handle(message);
    }
  }

  private handle(message: Message): void {
    if (message.method === undefined) {
      this.pending.get(message.id as number)?.(message);
      this.pending.delete(message.id as number);
    } else if (message.method === 'textDocument/publishDiagnostics') {
      const { uri, diagnostics } = message.params as { uri: string; diagnostics: Diagnostic[] };
      const [waiting, ...rest] = this.diagnostics.get(uri) ?? [];
      this.diagnostics.set(uri, rest);
      waiting?.(diagnostics);
    } else if (message.id !== undefined) {
      // A request from the server: settings by section; anything else (capability registration) gets null.
      const items = (message.params as { items?: { section?: string }[] } | undefined)?.items;
      const result = message.method === 'workspace/configuration' ? (items ?? []).map((item) => this.settings[item.section ?? ''] ?? null) : null;
      this.send({ jsonrpc: '2.0', id: message.id, result });
    }
  }
}
