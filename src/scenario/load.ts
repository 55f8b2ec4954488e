import { existsSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { type ModelParams, ModelParamsSchema } from "../model/params.js";
import { hashOf } from "./canonical.js";
import {
  checkParamPath,
  checkParamValue,
  type Point,
  type PointValue,
  type Reporter,
} from "./designs/common.js";
import {
  checkDesign,
  type Design,
  designParams,
  designPointAt,
  designPointCount,
  type RawDesign,
} from "./designs/index.js";
import {
  describeValue,
  didYouMean,
  ScenarioError,
  type ScenarioIssue,
  UNSAFE_TEXT,
  unknownKeyMessage,
} from "./errors.js";
import { describeExpectation, expectationOf, schemaAt, unwrap } from "./paramTree.js";
import { DESIGN_BOUND_KEYS, DESIGN_KEYS, MODEL_KEYS, OWN_KEYS, ScenarioSchema } from "./schema.js";
import {
  decodeScenarioBytes,
  fileTooLarge,
  type PathSeg,
  parseSource,
  SOURCE_LIMITS,
  type SourceFile,
} from "./source.js";

/** A scenario file with its `extends` chain merged, checked, and every default applied. */
export interface ResolvedScenario {
  /** The file as given (the child of the chain). */
  file: string;
  name: string;
  description?: string;
  /** Files of the `extends` chain, child first. */
  chain: string[];
  seed: number;
  replications: number;
  design: Design;
  /**
   * Common random numbers across design points (the `commonRandomNumbers` key, default true):
   * replication r of every point runs on crnSeed(seed, r). false: deriveSeed(hash, point, r).
   * Not part of `hash` (it decides seeds, not parameters); the plan hash and manifest record it.
   */
  commonRandomNumbers: boolean;
  /** The `reference` key: the design point effects are shown against (default point 0). */
  reference?: { index: number; point: Point };
  /** Model parameters with every default applied. */
  params: ModelParams;
  /** The merged raw object (before defaults), for manifests. */
  input: unknown;
  /** sha256 hex of the canonical JSON of {params, design, seed} (not name or description). */
  hash: string;
}

export interface LoadOptions {
  /**
   * Reads a scenario file; returns undefined when there is no such file. Defaults to the file
   * system; tests and job payloads pass an in-memory map.
   */
  readFile?: (file: string) => string | undefined;
  /** The project's scenarios/ folder, where bare `extends` names are looked up last. */
  scenariosDir?: string;
}

/** The project's scenarios/ folder: ../../scenarios from src/scenario or dist/scenario. */
export function defaultScenariosDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "scenarios");
}

function readFromDisk(file: string): string | undefined {
  let bytes: Buffer;
  try {
    if (!existsSync(file)) return undefined;
    const stat = statSync(file);
    if (!stat.isFile()) return undefined;
    if (stat.size > SOURCE_LIMITS.fileChars) throw fileTooLarge(file, stat.size, "bytes");
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    throw new ScenarioError([{ file, path: "", message: `cannot read the file: ${(e as Error).message}` }]);
  }
  // Strict UTF-8: bytes that are not are an error at their position, not replaced.
  return decodeScenarioBytes(bytes, file);
}

/** Loads a scenario file (YAML or JSON), following `extends`. Throws ScenarioError on any problem. */
export function loadScenario(file: string, opts: LoadOptions = {}): ResolvedScenario {
  const read = opts.readFile ?? readFromDisk;
  const text = read(file);
  if (text === undefined) {
    throw new ScenarioError([{ file, path: "", message: "no such scenario file" }]);
  }
  return parseScenarioText(text, file, opts);
}

/** Parses a scenario from text; `file` names it in messages and anchors relative `extends`. */
export function parseScenarioText(text: string, file: string, opts: LoadOptions = {}): ResolvedScenario {
  const chain = readChain(text, file, opts);
  const merged = mergeChain(chain);
  return resolve(merged, chain);
}

// ─── extends ─────────────────────────────────────────────────────────────────

const EXTENSIONS = [".yaml", ".yml", ".json"];

/** Candidate files for an `extends` value, in the order they are tried. */
export function extendsCandidates(target: string, fromFile: string, scenariosDir: string): string[] {
  const dir = path.dirname(fromFile);
  const isBareName =
    !target.includes("/") && !target.includes("\\") && !EXTENSIONS.some((e) => target.endsWith(e));
  if (!isBareName) return [path.isAbsolute(target) ? target : path.join(dir, target)];
  const local = EXTENSIONS.map((e) => path.join(dir, target + e));
  const shipped = EXTENSIONS.map((e) => path.join(scenariosDir, target + e));
  return [...new Set([...local, ...shipped])];
}

function readChain(text: string, file: string, opts: LoadOptions): SourceFile[] {
  const read = opts.readFile ?? readFromDisk;
  const scenariosDir = opts.scenariosDir ?? defaultScenariosDir();
  const chain: SourceFile[] = [];
  const seen: string[] = [];
  let current: { text: string; file: string } | undefined = { text, file };
  // The file and `extends` value that led to `current` (none for the file given).
  let via: Via | undefined;
  while (current) {
    // A file reached through `extends` may be any file: its text is not quoted in messages.
    const src = parseSource(current.text, current.file, { quoteContent: via === undefined });
    checkTopLevel(src, via);
    chain.push(src);
    seen.push(path.resolve(current.file));
    const target = (src.value as Record<string, unknown>).extends;
    if (target === undefined) break;
    const at = src.locate(["extends"]);
    if (typeof target !== "string" || target === "") {
      throw new ScenarioError([
        {
          file: src.file,
          ...at,
          path: "extends",
          message: `${describeValue(target)} has the wrong type: expected the name or path of a scenario`,
        },
      ]);
    }
    checkExtendsTarget(target, src, at);
    const candidates = extendsCandidates(target, current.file, scenariosDir);
    let next: { text: string; file: string } | undefined;
    for (const c of candidates) {
      const t = read(c);
      if (t !== undefined) {
        next = { text: t, file: c };
        break;
      }
    }
    if (!next) {
      throw new ScenarioError([
        {
          file: src.file,
          ...at,
          path: "extends",
          message: `no scenario ${JSON.stringify(target)}: looked for ${candidates.join(", ")}`,
        },
      ]);
    }
    const key = path.resolve(next.file);
    const loopStart = seen.indexOf(key);
    if (loopStart >= 0) {
      const cycle = [...chain.slice(loopStart).map((s) => s.file), next.file];
      throw new ScenarioError([
        { file: src.file, ...at, path: "extends", message: `cycle: ${cycle.join(" → ")}` },
      ]);
    }
    via = { src, target, at };
    current = next;
  }
  return chain;
}

/** The file and `extends` value through which a file of the chain was reached. */
interface Via {
  src: SourceFile;
  target: string;
  at: { line: number; col: number };
}

/**
 * `extends` names a scenario: a bare name (looked up with each extension) or a path ending in
 * .yaml, .yml or .json, nothing else (not /etc/passwd, /proc/self/status, /dev/stdin).
 */
function checkExtendsTarget(target: string, src: SourceFile, at: { line: number; col: number }): void {
  const fail = (message: string): never => {
    throw new ScenarioError([{ file: src.file, ...at, path: "extends", message }]);
  };
  if (UNSAFE_TEXT.test(target) || target.includes("\0"))
    fail("holds a control character: expected the name or path of a scenario file");
  const isBareName =
    !target.includes("/") && !target.includes("\\") && !EXTENSIONS.some((e) => target.endsWith(e));
  if (!isBareName && !/\.(ya?ml|json)$/i.test(target)) {
    fail(
      `${describeValue(target)} is not a scenario file: expected a scenario's name (baseline) or a path ending in .yaml, .yml or .json`,
    );
  }
}

/** Top-level keys of a scenario file. */
const SCENARIO_KEYS = Object.keys(ScenarioSchema.shape);

/** The first character of a name or description that is not plain text, and what it is. */
function unsafeChar(text: string, allowNewlines: boolean): { index: number; what: string } | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a && allowNewlines) continue;
    if (c >= 0xd800 && c <= 0xdfff) {
      const pair =
        c <= 0xdbff
          ? (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00
          : (text.charCodeAt(i - 1) & 0xfc00) === 0xd800;
      if (!pair) return { index: i, what: "an unpaired surrogate (not valid Unicode)" };
      continue;
    }
    if (!UNSAFE_TEXT.test(text[i])) continue;
    const u = `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
    const what =
      c === 0x0a || c === 0x0d
        ? `a line break (${u})`
        : c === 0x2028 || c === 0x2029
          ? `a line separator (${u})`
          : c >= 0x202a
            ? `a bidirectional control character (${u})`
            : `a control character (${u})`;
    return { index: i, what };
  }
  return undefined;
}

/** Longest scenario name: it names folders, table columns and chart legends. */
const NAME_MAX_CHARS = 200;

/**
 * A name and a description are printed on terminals and in reports: plain text only (no control
 * characters, no bidirectional overrides; a description may have line breaks), and a name of
 * reasonable length.
 */
function checkTexts(src: SourceFile): void {
  const v = src.value as Record<string, unknown>;
  for (const key of ["name", "description"] as const) {
    const text = v[key];
    if (typeof text !== "string") continue; // wrong types are reported by the schema
    const at = src.locate([key]);
    const fail = (message: string): never => {
      throw new ScenarioError([{ file: src.file, line: at.line, col: at.col, path: key, message }]);
    };
    if (key === "name" && text.length > NAME_MAX_CHARS)
      fail(`has ${text.length} characters: a name has at most ${NAME_MAX_CHARS}`);
    const bad = unsafeChar(text, key === "description");
    if (bad) {
      fail(
        `holds ${bad.what} at character ${bad.index + 1}: ${
          key === "name"
            ? "a name is plain text on one line"
            : "a description is plain text (line breaks allowed)"
        }`,
      );
    }
  }
}

/**
 * Every file must be a mapping with a `name`; the rest is checked on the merged scenario. A file
 * reached through `extends` must look like a scenario (a mapping whose keys are scenario keys,
 * a typo aside) before anything in it is checked, and what it holds is not quoted.
 */
function checkTopLevel(src: SourceFile, via?: Via): void {
  const v = src.value;
  const notScenario = (why: string): never => {
    throw new ScenarioError([
      {
        file: via?.src.file,
        ...via?.at,
        path: "extends",
        message: `${describeValue(via?.target)} is not a scenario file: ${why}`,
      },
    ]);
  };
  if (via && (v === null || typeof v !== "object" || Array.isArray(v))) {
    const kind = v === null || v === undefined ? "nothing" : Array.isArray(v) ? "a list" : `a ${typeof v}`;
    notScenario(`${src.file} holds ${kind}, not a mapping of scenario keys`);
  }
  if (via) {
    const foreign = Object.keys(v as object).find(
      (k) => !SCENARIO_KEYS.includes(k) && didYouMean(k, SCENARIO_KEYS) === undefined,
    );
    if (foreign !== undefined) {
      const at = src.locate([foreign], "key");
      notScenario(`${src.file}:${at.line}:${at.col} has a key that no scenario has`);
    }
  }
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    const at = src.locate([]);
    throw new ScenarioError([
      {
        file: src.file,
        line: at.line,
        col: at.col,
        path: "",
        message: `${describeValue(v)} is not a scenario: expected a mapping of keys (name, extends, parameters…)`,
      },
    ]);
  }
  const name = (v as Record<string, unknown>).name;
  if (name === undefined) {
    const at = src.locate([]);
    throw new ScenarioError([
      {
        file: src.file,
        line: at.line,
        col: at.col,
        path: "name",
        message: "missing: every scenario file needs a name (a string)",
      },
    ]);
  }
  checkTexts(src);
}

// ─── merge ───────────────────────────────────────────────────────────────────

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Child wins; mappings merge key by key; lists and everything else replace. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: [string, unknown][] = Object.entries(base);
  const index = new Map(out.map(([k], i) => [k, i]));
  for (const [k, v] of Object.entries(over)) {
    const i = index.get(k);
    if (i === undefined) {
      index.set(k, out.length);
      out.push([k, v]);
    } else {
      out[i] = [k, deepMerge(out[i][1], v)];
    }
  }
  return Object.fromEntries(out);
}

/**
 * Merges the chain, root first. `name`, `description`, `source` and `extends` belong to each
 * file and are not inherited. A file that declares a design replaces its parents' design.
 */
function mergeChain(chain: SourceFile[]): Record<string, unknown> {
  let acc: Record<string, unknown> = {};
  for (let i = chain.length - 1; i >= 0; i--) {
    const layer = { ...(chain[i].value as Record<string, unknown>) };
    for (const k of OWN_KEYS) {
      if (i > 0) delete layer[k];
    }
    delete layer.extends;
    if (DESIGN_KEYS.some((k) => layer[k] !== undefined)) {
      acc = Object.fromEntries(
        Object.entries(acc).filter(([k]) => !(DESIGN_BOUND_KEYS as readonly string[]).includes(k)),
      );
    }
    acc = deepMerge(acc, layer) as Record<string, unknown>;
  }
  return acc;
}

/** The file whose value the merged scenario holds at `p` (child first; lists replace wholesale). */
function ownerOf(chain: SourceFile[], p: readonly PathSeg[]): SourceFile {
  if (p.length > 0 && (OWN_KEYS as readonly string[]).includes(String(p[0]))) return chain[0];
  for (const src of chain) {
    for (let i = 1; i <= p.length; i++) {
      const kind = src.kindAt(p.slice(0, i));
      if (kind === undefined) break;
      if (kind === "other" || i === p.length) return src;
    }
  }
  return chain[0];
}

// ─── validation ──────────────────────────────────────────────────────────────

/** `instruments.loanGuarantee.coverage`, `points[2].ticks`, `grid.instruments.grants.enabled[0]`. */
export function formatPath(p: readonly PathSeg[]): string {
  let out = "";
  for (const seg of p) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? seg : `.${seg}`;
  }
  return out;
}

function valueAt(root: unknown, p: readonly PathSeg[]): unknown {
  let v = root;
  for (const seg of p) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[String(seg)];
  }
  return v;
}

function expectationAt(p: readonly PathSeg[]): string {
  const node = schemaAt(ScenarioSchema, p);
  if (!node) return "expected a valid value";
  const d = unwrap(node)._zod.def as { type: string };
  if (d.type === "union") return "expected a number, or true/false for an on/off parameter";
  if (d.type === "tuple") return "expected [low, high]: a list of two numbers";
  return describeExpectation(expectationOf(node));
}

/** Turns zod's issues into messages that name the file, the position, the path and the expectation. */
export function issuesFromZod(
  error: z.ZodError,
  root: unknown,
  locate: (p: readonly PathSeg[], at: "key" | "value") => { file?: string; line?: number; col?: number },
  prefix: readonly PathSeg[] = [],
): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  const seen = new Set<string>();
  const visit = (issue: z.core.$ZodIssue, base: readonly PathSeg[]) => {
    const p = [...base, ...(issue.path as PathSeg[])];
    if (issue.code === "invalid_union" && "errors" in issue && issue.errors.length > 0) {
      // A design value that is neither a number nor a boolean: one message, not one per branch.
      const value = valueAt(root, p);
      push(p, `${describeValue(value)} has the wrong type: ${expectationAt(p)}`, "value");
      return;
    }
    if (issue.code === "unrecognized_keys") {
      const node = schemaAt(ScenarioSchema, p);
      const allowed = node ? (expectationOf(node).keys ?? []) : [];
      for (const key of issue.keys) push([...p, key], unknownKeyMessage(key, allowed), "key");
      return;
    }
    const value = valueAt(root, p);
    const expected = expectationAt(p);
    let problem: string;
    switch (issue.code) {
      case "invalid_type":
        if (value === undefined) {
          push(p, `missing: ${expected}`, "value");
          return;
        }
        problem = issue.expected === "int" ? "is not an integer" : "has the wrong type";
        break;
      case "too_big":
      case "too_small":
        if (issue.origin === "array" || issue.origin === "string") {
          problem =
            issue.code === "too_small" && (issue.minimum as number) <= 1
              ? "is empty"
              : "has the wrong length";
        } else {
          problem = "is out of range";
        }
        break;
      case "not_multiple_of":
        problem = "is not an integer";
        break;
      default:
        problem = `is invalid (${issue.message})`;
    }
    push(p, `${describeValue(value)} ${problem}: ${expected}`, "value");
  };
  const push = (p: readonly PathSeg[], message: string, at: "key" | "value") => {
    const full = [...prefix, ...p];
    const key = `${formatPath(full)}|${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ ...locate(p, at), path: formatPath(full), message });
  };
  for (const issue of error.issues) visit(issue, []);
  return out;
}

function sortIssues(issues: ScenarioIssue[]): ScenarioIssue[] {
  return [...issues].sort(
    (a, b) =>
      (a.file ?? "").localeCompare(b.file ?? "") ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.col ?? 0) - (b.col ?? 0),
  );
}

function resolve(merged: Record<string, unknown>, chain: SourceFile[]): ResolvedScenario {
  const locate = (p: readonly PathSeg[], at: "key" | "value") => {
    const src = ownerOf(chain, p);
    const pos = src.locate(p, at);
    return { file: src.file, line: pos.line, col: pos.col };
  };
  const parsed = ScenarioSchema.safeParse(merged);
  if (!parsed.success) {
    throw new ScenarioError(sortIssues(issuesFromZod(parsed.error, merged, locate)));
  }
  const s = parsed.data;
  const issues: ScenarioIssue[] = [];
  const design = checkDesign(s as RawDesign, s.seed, (p, message, at = "value") => {
    issues.push({ ...locate(p, at), path: formatPath(p), message });
  });
  if (!design || issues.length > 0) throw new ScenarioError(sortIssues(issues));
  checkRunCount(design, s.replications, locate);
  const params = withoutNotes(
    ModelParamsSchema.parse(
      Object.fromEntries(
        MODEL_KEYS.filter((k) => k !== "source" && merged[k] !== undefined).map((k) => [k, merged[k]]),
      ),
    ),
  );
  const reference =
    s.reference === undefined
      ? undefined
      : checkReference(s.reference, design, params, (p, message, at = "value") => {
          issues.push({ ...locate(p, at), path: formatPath(p), message });
        });
  if (issues.length > 0) throw new ScenarioError(sortIssues(issues));
  const chainFiles = chain.map((c) => c.file);
  return {
    file: chainFiles[0],
    name: s.name,
    ...(s.description !== undefined ? { description: s.description } : {}),
    chain: chainFiles,
    seed: s.seed,
    replications: s.replications,
    design,
    commonRandomNumbers: s.commonRandomNumbers ?? true,
    ...(reference ? { reference } : {}),
    params,
    input: merged,
    hash: scenarioHash(params, design, s.seed),
  };
}

/**
 * Most runs (design points × replications) of a scenario: a sweep keeps up to 25 bytes per run in
 * memory (2.5 GB at this limit) and its runs.jsonl a line per run.
 */
export const SCENARIO_MAX_RUNS = 100_000_000;

/** A design too large to run is an error at its key, before any point is computed. */
function checkRunCount(
  design: Design,
  replications: number,
  locate: (p: readonly PathSeg[], at: "key" | "value") => { file?: string; line?: number; col?: number },
): void {
  const points = designPointCount(design);
  const runs = points * replications;
  if (runs <= SCENARIO_MAX_RUNS) return;
  const key = design.kind === "single" ? "replications" : design.kind;
  const n = (x: number) => (x >= 1e15 ? x.toExponential(2) : x.toLocaleString("en-US"));
  const hint =
    design.kind === "grid"
      ? ": fewer values per axis, or sample the space with lhs or sobol"
      : design.kind === "points"
        ? ""
        : ": fewer samples or replications";
  throw new ScenarioError([
    {
      ...locate([key], "key"),
      path: key,
      message: `${n(points)} points × ${n(replications)} replications = ${n(runs)} runs: a scenario has at most ${n(SCENARIO_MAX_RUNS)}${hint}`,
    },
  ]);
}

/** The value of a parameter at a dotted path. */
function paramValue(params: ModelParams, path: string): unknown {
  let v: unknown = params;
  for (const seg of path.split(".")) v = (v as Record<string, unknown> | undefined)?.[seg];
  return v;
}

/**
 * Checks `reference`: a grid or points design, paths the design varies, values that match
 * exactly one point (a point's value of a path it does not list is the scenario's own).
 */
function checkReference(
  raw: Record<string, PointValue>,
  design: Design,
  params: ModelParams,
  report: Reporter,
): { index: number; point: Point } | undefined {
  if (design.kind !== "grid" && design.kind !== "points") {
    report(
      ["reference"],
      design.kind === "single"
        ? "needs a design: a reference point is one point of a grid or points design"
        : `is for a grid or points design: ${design.kind} samples a continuous range, with no point to refer to`,
      "key",
    );
    return undefined;
  }
  const varied = designParams(design);
  let ok = true;
  const entries = Object.entries(raw);
  if (entries.length === 0) {
    report(["reference"], `is empty: expected parameter path → value for ${varied.join(", ")}`);
    return undefined;
  }
  for (const [path, value] of entries) {
    const info = checkParamPath(path, ["reference", path], report);
    if (!info) {
      ok = false;
      continue;
    }
    if (!varied.includes(path)) {
      report(["reference", path], `is not varied by the design: expected one of ${varied.join(", ")}`, "key");
      ok = false;
      continue;
    }
    if (!checkParamValue(info, value, ["reference", path], report)) ok = false;
  }
  if (!ok) return undefined;
  const matches: number[] = [];
  const n = designPointCount(design);
  for (let i = 0; i < n && matches.length < 2; i++) {
    const point = designPointAt(design, i);
    if (entries.every(([path, value]) => (path in point ? point[path] : paramValue(params, path)) === value))
      matches.push(i);
  }
  const given = entries.map(([p, v]) => `${p} = ${describeValue(v)}`).join(", ");
  if (matches.length === 0) {
    report(["reference"], `${given} matches no point of the design`);
    return undefined;
  }
  if (matches.length > 1) {
    report(
      ["reference"],
      `${given} matches more than one point of the design: give a value for each of ${varied.join(", ")}`,
    );
    return undefined;
  }
  return { index: matches[0], point: designPointAt(design, matches[0]) };
}

/**
 * The parameters without the `source` citation notes of their sections: notes document a file
 * and stay in `input`; they do not change a run, so they stay out of `params` and the hash.
 */
export function withoutNotes<T>(params: T): T {
  if (!isPlainObject(params)) return params;
  return Object.fromEntries(
    Object.entries(params)
      .filter(([k, v]) => !(k === "source" && typeof v === "string"))
      .map(([k, v]) => [k, withoutNotes(v)]),
  ) as T;
}

/** The scenario hash: sha256 of the canonical JSON of {params, design, seed}. */
export function scenarioHash(params: ModelParams, design: Design, seed: number): string {
  return hashOf({ params, design, seed });
}
