import {
  Composer,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  Parser,
  YAMLParseError,
} from "yaml";
import { ScenarioError } from "./errors.js";

/**
 * One scenario file as text: its parsed value and a way back from a key path to the line and
 * column where that key or value is written. YAML goes through yaml's parser and composer; JSON
 * through `JSON.parse` for its value (JSON's own rules) and a scan of the text for positions.
 *
 * Both formats get the same limits, checked before anything recursive sees the text: the file's
 * size, how deep mappings and lists nest (yaml's composer and every later walk recurse, so a file
 * nested thousands deep would exhaust the stack, which V8 does not always survive), the length of
 * keys and strings, no duplicate keys, no `__proto__` key. Every problem is located.
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

/** Limits on scenario files: far above what a scenario needs, far below what hurts. */
export const SOURCE_LIMITS = {
  /** Characters of a file (and bytes of it on disk). */
  fileChars: 4 * 1024 * 1024,
  /** Nesting of mappings and lists (a scenario needs 4: `lhs.ranges.<path>[0]`). */
  depth: 64,
  /** Characters of a key (parameter paths are under 60). */
  keyChars: 256,
  /** Characters of a string value (a description, a source note). */
  stringChars: 100_000,
} as const;

export interface ParseOptions {
  /**
   * Whether messages may quote the file's text (a token, a bad escape sequence). False for a file
   * reached through another file's `extends`: it may be any file the process can read, and its
   * content is not echoed.
   */
  quoteContent?: boolean;
}

export function isJsonFile(file: string): boolean {
  return file.toLowerCase().endsWith(".json");
}

const n0 = (n: number) => n.toLocaleString("en-US");

const issueAt = (file: string, pos: Position, path: string, message: string) =>
  new ScenarioError([{ file, line: pos.line, col: pos.col, path, message }]);

/** The error for a file over the size limit (checked before it is read or parsed). */
export function fileTooLarge(file: string, size: number, unit: "bytes" | "characters"): ScenarioError {
  return new ScenarioError([
    {
      file,
      path: "",
      message: `the file has ${n0(size)} ${unit}: a scenario file has at most ${n0(SOURCE_LIMITS.fileChars)}`,
    },
  ]);
}

/**
 * The text of a scenario file's bytes: strict UTF-8 (a leading byte order mark is dropped). Bytes
 * that are not UTF-8 are an error at their line and column, not silently replaced.
 */
export function decodeScenarioBytes(bytes: Uint8Array, file: string): string {
  if (bytes.length > SOURCE_LIMITS.fileChars) throw fileTooLarge(file, bytes.length, "bytes");
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    throw issueAt(
      file,
      { line: 1, col: 1 },
      "",
      "the file is UTF-16 (it starts with a UTF-16 byte order mark): save it as UTF-8",
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    let lineStart = 0;
    let line = 1;
    for (let i = 0; i < bad; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    const col = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, bad)).length + 1;
    const byte = `0x${bytes[bad].toString(16).toUpperCase().padStart(2, "0")}`;
    throw issueAt(
      file,
      { line, col },
      "",
      `invalid UTF-8 (byte ${byte} begins no UTF-8 character there; Latin-1 or another 8-bit encoding?): save the file as UTF-8`,
    );
  }
}

/** Offset of the first byte that does not begin or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0; // no overlong forms
      if (c === 0xed) hi = 0x9f; // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return b.length;
}

/** Line and column (1-based) of offsets in a text. */
function lineIndex(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo] + 1 };
  };
}

/** `a.b[2]`: a path as messages show it (long keys shortened). */
function pathText(path: readonly PathSeg[]): string {
  let out = "";
  for (const [i, seg] of path.entries()) {
    if (i === 8) return `${out}…`;
    if (typeof seg === "number") out += `[${seg}]`;
    else {
      const s = seg.length > 60 ? `${seg.slice(0, 40)}…` : seg;
      out += out === "" ? s : `.${s}`;
    }
  }
  return out;
}

const tooDeep = `nested more than ${SOURCE_LIMITS.depth} levels deep: a scenario nests mappings and lists 4 levels at most`;

/** Parses a scenario file's text. Throws a located ScenarioError on bad syntax or a broken limit. */
export function parseSource(text: string, file: string, opts: ParseOptions = {}): SourceFile {
  const quote = opts.quoteContent !== false;
  if (text.length > SOURCE_LIMITS.fileChars) throw fileTooLarge(file, text.length, "characters");
  const json = isJsonFile(file);
  const where = lineIndex(text);
  let value: unknown;
  let locateNode: (path: readonly PathSeg[], at: "key" | "value") => { pos?: Position; found: boolean };
  if (json) {
    // A byte order mark is not JSON; keep offsets by reading it as a space.
    const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
    // The scan first: it checks the syntax and the nesting, then JSON.parse reads the value.
    const root = scanJson(body, file, where, quote);
    try {
      value = JSON.parse(body);
    } catch (e) {
      throw jsonError(body, file, e as Error, quote);
    }
    locateNode = (path, at) => locateJson(root, path, at, where);
  } else {
    const y = parseYaml(text, file, where, quote);
    value = y.value;
    locateNode = y.locate;
  }

  const src: SourceFile = {
    file,
    value,
    locate(path, at = "value") {
      const r = locateNode(path, at);
      return { ...(r.pos ?? { line: 1, col: 1 }), found: r.found };
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
  checkValue(src, quote);
  return src;
}

/**
 * The checks both formats share, on the parsed value (after YAML aliases are expanded): nesting,
 * key and string lengths, and no `__proto__` key (JavaScript objects would drop it, so a point
 * or a grid axis named so would silently vanish).
 */
function checkValue(src: SourceFile, quote: boolean): void {
  const stack: { v: unknown; path: PathSeg[] }[] = [{ v: src.value, path: [] }];
  const fail = (path: PathSeg[], at: "key" | "value", message: string): never => {
    const pos = src.locate(path, at);
    throw issueAt(src.file, pos, quote ? pathText(path) : "", message);
  };
  while (stack.length > 0) {
    const { v, path } = stack.pop() as { v: unknown; path: PathSeg[] };
    if (typeof v === "string") {
      if (v.length > SOURCE_LIMITS.stringChars)
        fail(
          path,
          "value",
          `a string of ${n0(v.length)} characters: strings in a scenario have at most ${n0(SOURCE_LIMITS.stringChars)}`,
        );
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (path.length >= SOURCE_LIMITS.depth) fail(path, "value", tooDeep);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i];
      if (k === "__proto__")
        fail(
          [...path, k],
          "key",
          "is not allowed as a key: no scenario key, parameter path or design key is named so",
        );
      if (k.length > SOURCE_LIMITS.keyChars)
        fail(
          [...path, k],
          "key",
          `a key of ${n0(k.length)} characters: keys in a scenario have at most ${n0(SOURCE_LIMITS.keyChars)}`,
        );
      stack.push({ v: (v as Record<string, unknown>)[k], path: [...path, k] });
    }
  }
}

// ─── YAML ────────────────────────────────────────────────────────────────────

interface CstItem {
  key?: CstToken | null;
  value?: CstToken | null;
}
interface CstToken {
  type: string;
  offset: number;
  value?: CstToken;
  items?: CstItem[];
}

/** The first collection of the token tree nested deeper than the limit, if any (iteratively). */
function tooDeepIn(tokens: readonly CstToken[]): CstToken | undefined {
  const stack: [CstToken | null | undefined, number][] = tokens.map((t) => [t, 0]);
  while (stack.length > 0) {
    const [t, d] = stack.pop() as [CstToken | null | undefined, number];
    if (!t || typeof t !== "object") continue;
    const collection = t.type === "block-map" || t.type === "block-seq" || t.type === "flow-collection";
    const depth = collection ? d + 1 : d;
    if (depth > SOURCE_LIMITS.depth) return t;
    if (t.value && typeof t.value === "object") stack.push([t.value, depth]);
    if (Array.isArray(t.items))
      for (const item of t.items) {
        stack.push([item.key, depth]);
        stack.push([item.value, depth]);
      }
  }
  return undefined;
}

/** yaml's error codes as words, for files whose text is not quoted. */
const codeWords = (code: string) => code.toLowerCase().replaceAll("_", " ");

function parseYaml(
  text: string,
  file: string,
  where: (offset: number) => Position,
  quote: boolean,
): {
  value: unknown;
  locate: (path: readonly PathSeg[], at: "key" | "value") => { pos?: Position; found: boolean };
} {
  const lineCounter = new LineCounter();
  // biome-ignore lint/suspicious/noExplicitAny: yaml's Document generic parameters are not needed here
  let doc: any;
  try {
    // The parser keeps its own stack (no recursion): the token tree is checked before the
    // composer, which recurses, sees it.
    const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text)) as unknown as CstToken[];
    const deep = tooDeepIn(tokens);
    if (deep) throw issueAt(file, where(deep.offset), "", `invalid YAML: ${tooDeep}`);
    const composer = new Composer({ uniqueKeys: true });
    // biome-ignore lint/suspicious/noExplicitAny: yaml's CST token type
    for (const d of composer.compose(tokens as any, true, text.length)) {
      if (!doc) doc = d;
      else {
        doc.errors.push(
          new YAMLParseError(
            d.range.slice(0, 2) as [number, number],
            "MULTIPLE_DOCS",
            "the file holds more than one YAML document",
          ),
        );
        break;
      }
    }
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    throw issueAt(file, { line: 1, col: 1 }, "", `invalid YAML: ${(e as Error).message}`);
  }
  if (doc.errors.length > 0) {
    const err = doc.errors[0] as YAMLParseError;
    const offset = Array.isArray(err.pos) ? err.pos[0] : 0;
    const pos = where(offset);
    let what = quote ? String(err.message).split("\n")[0] : codeWords(err.code);
    if (err.code === "DUPLICATE_KEY") {
      const written = /^(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^:\n]+)/.exec(text.slice(offset, offset + 300));
      const key = (written?.[0] ?? "").trim().slice(0, 60);
      what = quote
        ? `duplicate key ${key}: keys must be unique in a mapping`
        : "duplicate key: keys must be unique in a mapping";
    }
    throw issueAt(file, pos, "", `invalid YAML: ${what}`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    throw issueAt(
      file,
      { line: 1, col: 1 },
      "",
      `invalid YAML: ${quote ? (e as Error).message : "aliases could not be resolved"}`,
    );
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
    value,
    locate(path, at) {
      const w = walk(path);
      const found = w.depth === path.length;
      let pos: Position | undefined;
      if (found && at === "key") pos = posOf(w.key) ?? posOf(w.node as Node);
      else if (found) pos = posOf(w.node as Node) ?? posOf(w.key);
      else pos = w.lastPos;
      return { pos, found };
    },
  };
}

// ─── JSON ────────────────────────────────────────────────────────────────────

/** Where a JSON value starts, and for a mapping or list where its entries are. */
interface JsonNode {
  readonly start: number;
  readonly keys?: Map<string, { keyStart: number; node: JsonNode }>;
  readonly items?: JsonNode[];
}

/**
 * Checks JSON text and finds the position of every key and value, without recursion: the
 * syntax (each error at its line and column, which JSON.parse does not always give), nesting,
 * duplicate keys and key length (JSON.parse keeps the last of duplicate keys silently).
 */
function scanJson(text: string, file: string, where: (offset: number) => Position, quote: boolean): JsonNode {
  interface Frame {
    node: JsonNode;
    seg: PathSeg | undefined;
    key?: { name: string; start: number };
  }
  const stack: Frame[] = [];
  let root: JsonNode | undefined;
  const pathOf = (extra?: PathSeg) => {
    const p = stack.slice(1).map((f) => f.seg as PathSeg);
    if (stack.length > 0 && extra !== undefined) p.push(extra);
    return p;
  };
  /** The path segment of the value being read: the key just read, or the next list index. */
  const pending = (): PathSeg | undefined => {
    const top = stack[stack.length - 1];
    return top?.key?.name ?? top?.node.items?.length;
  };
  const fail = (at: number, what: string, path = pathOf(pending())): never => {
    // The keys of a file whose text is not quoted are its text too: no path then.
    throw issueAt(file, where(at), quote ? pathText(path) : "", `invalid JSON: ${what}`);
  };
  const n = text.length;
  const found = (at: number) => {
    if (at >= n) return "the end of the file";
    if (!quote) return "another character";
    const ch = String.fromCodePoint(text.codePointAt(at) as number);
    return JSON.stringify(ch);
  };
  /** Adds a value to the open container; returns its path segment there. */
  const attach = (node: JsonNode): PathSeg | undefined => {
    const top = stack[stack.length - 1];
    if (!top) {
      root = node;
      return undefined;
    }
    if (top.node.items) {
      top.node.items.push(node);
      return top.node.items.length - 1;
    }
    const k = top.key as { name: string; start: number };
    top.node.keys?.set(k.name, { keyStart: k.start, node });
    top.key = undefined;
    return k.name;
  };
  /** The index of the closing quote of the string opening at `start`; whether it has escapes. */
  const stringEnd = (start: number): { end: number; escaped: boolean } => {
    let j = start + 1;
    let escaped = false;
    for (;;) {
      if (j >= n) fail(start, 'a string is not closed (a closing " is missing)');
      const d = text.charCodeAt(j);
      if (d === 0x22) return { end: j, escaped };
      if (d < 0x20) fail(j, "a control character in a string (write it as an escape such as \\n)");
      if (d === 0x5c) {
        escaped = true;
        const e = text[j + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) fail(j, "a \\u escape needs 4 hex digits");
          j += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) j += 2;
        else fail(j, "a bad escape sequence in a string");
      } else j++;
    }
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  type Expect = "value" | "valueOrEnd" | "key" | "keyOrEnd" | "colon" | "next";
  let expect: Expect = "value";
  let i = 0;
  for (;;) {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    const top = stack[stack.length - 1];
    if (i >= n) {
      if (expect === "next" && !top) break;
      if (!root) fail(i, "the file is empty: expected a mapping { … }");
      fail(i, `the file ends early: ${top?.node.items ? "a list [ is" : "a mapping { is"} not closed`);
    }
    const c = text[i];
    if (expect === "valueOrEnd" || expect === "keyOrEnd") {
      if (c === (expect === "valueOrEnd" ? "]" : "}")) {
        stack.pop();
        i++;
        expect = "next";
        continue;
      }
      expect = expect === "valueOrEnd" ? "value" : "key";
    }
    if (expect === "value") {
      if (c === "{" || c === "[") {
        const node: JsonNode = c === "{" ? { start: i, keys: new Map() } : { start: i, items: [] };
        const seg = attach(node);
        stack.push({ node, seg });
        if (stack.length > SOURCE_LIMITS.depth) fail(i, tooDeep);
        i++;
        expect = c === "{" ? "keyOrEnd" : "valueOrEnd";
      } else if (c === '"') {
        const { end } = stringEnd(i);
        attach({ start: i });
        i = end + 1;
        expect = "next";
      } else {
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(text);
        const len = m
          ? m[0].length
          : text.startsWith("true", i) || text.startsWith("null", i)
            ? 4
            : text.startsWith("false", i)
              ? 5
              : 0;
        if (len === 0)
          fail(
            i,
            `expected a value (a number, a string in double quotes, true, false, null, { or [), found ${found(i)}`,
          );
        attach({ start: i });
        i += len;
        expect = "next";
      }
    } else if (expect === "key") {
      if (c !== '"') fail(i, `expected a key in double quotes, found ${found(i)}`);
      const { end, escaped } = stringEnd(i);
      if (end - i - 1 > SOURCE_LIMITS.keyChars) {
        fail(
          i,
          `a key of ${n0(end - i - 1)} characters: keys in a scenario have at most ${n0(SOURCE_LIMITS.keyChars)}`,
        );
      }
      const raw = text.slice(i, end + 1);
      const name = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      const first = top?.node.keys?.get(name);
      if (first) {
        const at = where(first.keyStart);
        fail(
          i,
          `duplicate key (first at line ${at.line}, column ${at.col}): keys must be unique in a mapping`,
          pathOf(name),
        );
      }
      (top as Frame).key = { name, start: i };
      i = end + 1;
      expect = "colon";
    } else if (expect === "colon") {
      if (c !== ":") fail(i, `expected ":" after the key, found ${found(i)}`);
      i++;
      expect = "value";
    } else {
      // after a value
      if (!top) fail(i, `unexpected text after the end of the JSON value: found ${found(i)}`);
      const list = (top as Frame).node.items !== undefined;
      if (c === ",") {
        i++;
        expect = list ? "value" : "key";
      } else if (c === (list ? "]" : "}")) {
        stack.pop();
        i++;
      } else {
        fail(
          i,
          `expected "," or "${list ? "]" : "}"}" after ${list ? "a list item" : "a value"}, found ${found(i)}`,
        );
      }
    }
  }
  return root as JsonNode;
}

function locateJson(
  root: JsonNode,
  path: readonly PathSeg[],
  at: "key" | "value",
  where: (offset: number) => Position,
): { pos: Position; found: boolean } {
  let node = root;
  let keyStart: number | undefined;
  for (const seg of path) {
    let next: JsonNode | undefined;
    let nextKey: number | undefined;
    if (node.keys) {
      const e = node.keys.get(String(seg));
      next = e?.node;
      nextKey = e?.keyStart;
    } else if (node.items && typeof seg === "number") {
      next = node.items[seg];
    }
    if (!next) return { pos: where(node.start), found: false };
    node = next;
    keyStart = nextKey;
  }
  return { pos: where(at === "key" && keyStart !== undefined ? keyStart : node.start), found: true };
}

/**
 * JSON.parse errors name an offset ("… at position 17" or "(line 2 column 3)"): turn it into
 * line:col. V8 quotes a stretch of the text in some messages; that is left out (the position
 * says where), as is the offending character of a file whose text is not quoted.
 */
function jsonError(text: string, file: string, e: Error, quote: boolean): ScenarioError {
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
  let what = msg
    .replace(/\s*\(line \d+ column \d+\)/, "")
    .replace(/ in JSON at position \d+/, "")
    .replace(/, ".*" is not valid JSON$/s, "")
    .replace(/^".*" is not valid JSON$/s, "not valid JSON");
  if (!quote) what = what.replace(/ '.*'$/s, "").replace(/ token$/, " character");
  return new ScenarioError([{ file, line, col, path: "", message: `invalid JSON: ${what}` }]);
}
