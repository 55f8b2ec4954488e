import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { ScenarioError } from "./errors.js";

/**
 * One scenario file as text: its parsed value and a way back from a key path to the line and
 * column where that key or value is written. YAML and JSON both go through yaml's
 * `parseDocument` (JSON is YAML's flow style) for positions; JSON files are parsed with
 * `JSON.parse` for their value, so JSON's own rules apply.
 */

export type PathSeg = string | number;

export interface Position {
  readonly line: number;
  readonly col: number;
}

export interface SourceFile {
  /** The file as messages show it. */
  readonly file: string;
  readonly value: unknown;
  /**
   * Where `path` is written: its value (or its key with `at: "key"`). When the path is not in the
   * file, the deepest enclosing node that is; `found` tells which.
   */
  locate(path: readonly PathSeg[], at?: "key" | "value"): Position & { found: boolean };
  /** What the file writes at `path`: a mapping, something else, or nothing. */
  kindAt(path: readonly PathSeg[]): "map" | "other" | undefined;
}

export function isJsonFile(file: string): boolean {
  return file.toLowerCase().endsWith(".json");
}

/** Parses a scenario file's text. Throws a ScenarioError with the parser's position on bad syntax. */
export function parseSource(text: string, file: string): SourceFile {
  const lineCounter = new LineCounter();
  // biome-ignore lint/suspicious/noExplicitAny: yaml's Document generic parameters are not needed here
  let doc: any;
  let yamlFailure: ScenarioError | undefined;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      const offset = Array.isArray(err.pos) ? err.pos[0] : 0;
      const pos = lineCounter.linePos(offset);
      const what = String(err.message).split("\n")[0];
      yamlFailure = new ScenarioError([
        {
          file,
          line: pos.line,
          col: pos.col,
          path: "",
          message: `invalid ${isJsonFile(file) ? "JSON" : "YAML"}: ${what}`,
        },
      ]);
    }
  } catch (e) {
    yamlFailure = new ScenarioError([
      { file, line: 1, col: 1, path: "", message: `invalid YAML: ${(e as Error).message}` },
    ]);
  }

  let value: unknown;
  if (isJsonFile(file)) {
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw jsonError(text, file, e as Error);
    }
    if (yamlFailure) doc = undefined; // valid JSON that yaml cannot read: no positions, but the value stands
  } else {
    if (yamlFailure) throw yamlFailure;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      throw new ScenarioError([
        { file, line: 1, col: 1, path: "", message: `invalid YAML: ${(e as Error).message}` },
      ]);
    }
  }

  const posOf = (node: Node | null | undefined): Position | undefined => {
    const range = node?.range;
    if (!range) return undefined;
    return lineCounter.linePos(range[0]);
  };

  /** Walks the document along `path`: the nodes of the deepest prefix found. */
  const walk = (path: readonly PathSeg[]) => {
    let node: unknown = doc?.contents ?? null;
    let key: Node | undefined;
    let depth = 0;
    let lastPos: Position | undefined = posOf(node as Node);
    for (const seg of path) {
      if (isAlias(node)) node = node.resolve(doc);
      let nextKey: Node | undefined;
      let next: unknown;
      let hit = false;
      if (isMap(node)) {
        for (const pair of node.items) {
          const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
          if (k === String(seg)) {
            nextKey = pair.key as Node;
            next = pair.value;
            hit = true;
          }
        }
      } else if (isSeq(node) && typeof seg === "number" && seg >= 0 && seg < node.items.length) {
        next = node.items[seg];
        hit = true;
      }
      if (!hit) break;
      depth++;
      key = nextKey;
      node = next;
      lastPos = posOf(node as Node) ?? posOf(key) ?? lastPos;
    }
    return { depth, node, key, lastPos };
  };

  return {
    file,
    value,
    locate(path, at = "value") {
      if (!doc) return { line: 1, col: 1, found: false };
      const w = walk(path);
      const found = w.depth === path.length;
      let pos: Position | undefined;
      if (found && at === "key") pos = posOf(w.key) ?? posOf(w.node as Node);
      else if (found) pos = posOf(w.node as Node) ?? posOf(w.key);
      else pos = w.lastPos;
      return { ...(pos ?? { line: 1, col: 1 }), found };
    },
    kindAt(path) {
      let v: unknown = value;
      for (const seg of path) {
        if (v === null || typeof v !== "object" || !Object.hasOwn(v, String(seg))) return undefined;
        v = (v as Record<string, unknown>)[String(seg)];
      }
      return v !== null && typeof v === "object" && !Array.isArray(v) ? "map" : "other";
    },
  };
}

/** JSON.parse errors name an offset ("… at position 17" or "(line 2 column 3)"): turn it into line:col. */
function jsonError(text: string, file: string, e: Error): ScenarioError {
  const msg = e.message;
  let line = 1;
  let col = 1;
  const lc = /line (\d+) column (\d+)/.exec(msg);
  const at = /position (\d+)/.exec(msg);
  if (lc) {
    line = Number(lc[1]);
    col = Number(lc[2]);
  } else if (at) {
    const offset = Math.min(Number(at[1]), text.length);
    const before = text.slice(0, offset).split("\n");
    line = before.length;
    col = before[before.length - 1].length + 1;
  } else if (/end of JSON input/i.test(msg)) {
    const lines = text.split("\n");
    line = lines.length;
    col = lines[lines.length - 1].length + 1;
  }
  const what = msg.replace(/\s*\(line \d+ column \d+\)/, "").replace(/ in JSON at position \d+/, "");
  return new ScenarioError([{ file, line, col, path: "", message: `invalid JSON: ${what}` }]);
}
