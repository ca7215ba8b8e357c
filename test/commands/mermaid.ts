// Mermaid's own parser, in Node: it needs a DOM, which jsdom provides. parseFlowchart returns the vertices and
// edges mermaid itself read from the text, so a test checks what a reader of the picture would see.
import { JSDOM } from 'jsdom';

export interface Flowchart {
  /** Vertex id → label text as mermaid holds it, lines joined by "\n" and entity codes decoded. */
  vertices: Map<string, string>;
  edges: Array<{ from: string; to: string; label: string; stroke: string }>;
}

interface FlowDb {
  getVertices(): Map<string, { id: string; text?: string }>;
  getEdges(): Array<{ start: string; end: string; text?: string; stroke?: string }>;
}

let loaded: Promise<typeof import('mermaid').default> | undefined;

function mermaid(): Promise<typeof import('mermaid').default> {
  loaded ??= (async () => {
    const dom = new JSDOM('<!doctype html><html><body></body></html>');
    Object.assign(globalThis, { window: dom.window, document: dom.window.document });
    const { default: m } = await import('mermaid');
    m.initialize({ startOnLoad: false });
    return m;
  })();
  return loaded;
}

export async function parseFlowchart(text: string): Promise<Flowchart> {
  const m = await mermaid();
  await m.parse(text); // throws on a syntax error
  const diagram = await m.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db as unknown as FlowDb;
  return {
    vertices: new Map([...db.getVertices().values()].map((v) => [v.id, decode(v.text ?? v.id)])),
    edges: db.getEdges().map((e) => ({ from: e.start, to: e.end, label: decode(e.text ?? ''), stroke: e.stroke ?? '' })),
  };
}

/** Mermaid keeps `#34;` as an internal placeholder until it draws; the picture shows the character. */
const decode = (text: string): string => text.replace(/<br\s*\/?>/g, '\n').replace(/ﬂ°°(\d+)¶ß/g, (_, code: string) => String.fromCharCode(Number(code)));
