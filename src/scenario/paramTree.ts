import type { z } from "zod";
import { ModelParamsSchema } from "../model/params.js";

/**
 * Reads the model's parameter contract (the zod schema in src/model/params.ts) as a tree: every
 * leaf with its type, bounds, default, unit and source; every section with its keys. The schema is
 * the single source of truth; nothing here restates a bound or a default.
 */

export type ParamType = "number" | "integer" | "boolean";

/** One model parameter (a leaf of `ModelParamsSchema`; the optional `source` notes are left out). */
export interface ParamInfo {
  /** Dotted path, e.g. `instruments.loanGuarantee.coverage`. */
  readonly path: string;
  readonly type: ParamType;
  readonly unit: string;
  readonly default: number | boolean;
  /** Inclusive bounds; absent for booleans. */
  readonly min?: number;
  readonly max?: number;
  readonly source: string;
  readonly description: string;
}

/** What a schema node expects, for messages: numbers with bounds, booleans, strings, objects… */
export interface Expectation {
  readonly kind: "number" | "integer" | "boolean" | "string" | "object" | "array" | "record" | "other";
  readonly min?: number;
  readonly max?: number;
  readonly unit?: string;
  readonly description?: string;
  /** Keys of an object node. */
  readonly keys?: readonly string[];
}

type AnySchema = z.core.$ZodType;

interface Def {
  type: string;
  innerType?: AnySchema;
  shape?: Record<string, AnySchema>;
  valueType?: AnySchema;
  element?: AnySchema;
  defaultValue?: unknown;
}

function defOf(schema: AnySchema): Def {
  return schema._zod.def as unknown as Def;
}

/** Strips default/prefault/optional/nullable/readonly wrappers. */
export function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (;;) {
    const d = defOf(s);
    if (
      (d.type === "default" ||
        d.type === "prefault" ||
        d.type === "optional" ||
        d.type === "nullable" ||
        d.type === "readonly" ||
        d.type === "nonoptional") &&
      d.innerType
    ) {
      s = d.innerType;
    } else {
      return s;
    }
  }
}

interface Meta {
  description?: string;
  unit?: string;
  source?: string;
}

/** The metadata (`.meta`) of a node or of any wrapper around it, outermost first. */
function metaOf(schema: AnySchema): Meta {
  let s: AnySchema | undefined = schema;
  const out: Meta = {};
  while (s) {
    const m = (s as unknown as { meta?: () => Meta | undefined }).meta?.();
    if (m) {
      out.description ??= m.description;
      out.unit ??= m.unit;
      out.source ??= m.source;
    }
    const d = defOf(s);
    s = d.innerType;
  }
  return out;
}

function defaultOf(schema: AnySchema): unknown {
  let s: AnySchema | undefined = schema;
  while (s) {
    const d = defOf(s);
    if (d.type === "default") {
      const v = d.defaultValue;
      return typeof v === "function" ? (v as () => unknown)() : v;
    }
    s = d.innerType;
  }
  return undefined;
}

/** Expectation of a schema node (numbers: bounds and integer-ness from zod's checks). */
export function expectationOf(schema: AnySchema): Expectation {
  const meta = metaOf(schema);
  const inner = unwrap(schema);
  const d = defOf(inner);
  const base = { unit: meta.unit, description: meta.description };
  switch (d.type) {
    case "number": {
      const n = inner as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean };
      return {
        ...base,
        kind: n.isInt ? "integer" : "number",
        min: n.minValue ?? undefined,
        max: n.maxValue ?? undefined,
      };
    }
    case "boolean":
      return { ...base, kind: "boolean" };
    case "string":
      return { ...base, kind: "string" };
    case "object":
      return { ...base, kind: "object", keys: Object.keys(d.shape ?? {}) };
    case "array":
      return { ...base, kind: "array" };
    case "record":
      return { ...base, kind: "record" };
    default:
      return { ...base, kind: "other" };
  }
}

/** `expected a number in [0, 1] (share of loss)` and the like. */
export function describeExpectation(e: Expectation): string {
  const unit = e.unit && e.unit !== "1" ? ` (${e.unit})` : "";
  const range = (lo?: number, hi?: number) => {
    if (lo !== undefined && hi !== undefined) return ` in [${fmt(lo)}, ${fmt(hi)}]`;
    if (lo !== undefined) return ` ≥ ${fmt(lo)}`;
    if (hi !== undefined) return ` ≤ ${fmt(hi)}`;
    return "";
  };
  switch (e.kind) {
    case "number":
      return `expected a number${range(e.min, e.max)}${unit}`;
    case "integer":
      return `expected an integer${range(e.min, e.max)}${unit}`;
    case "boolean":
      return `expected true or false${unit}`;
    case "string":
      return "expected a string";
    case "object":
      return "expected a mapping of keys to values";
    case "record":
      return "expected a mapping";
    case "array":
      return "expected a list";
    default:
      return "expected a valid value";
  }
}

/** Numbers as people write them: 0.0125, 4294967295, and round powers of ten from 1e7 up as 1e7. */
export function fmt(n: number): string {
  const exp = Math.log10(Math.abs(n));
  if (Number.isInteger(exp) && exp >= 7) return `${n < 0 ? "-" : ""}1e${exp}`;
  return String(n);
}

/** The node at a key path below `schema`, or undefined if the path leaves the schema. */
export function schemaAt(schema: AnySchema, path: readonly (string | number)[]): AnySchema | undefined {
  let s: AnySchema = schema;
  for (const seg of path) {
    const inner = unwrap(s);
    const d = defOf(inner);
    if (d.type === "object" && typeof seg === "string" && d.shape && Object.hasOwn(d.shape, seg)) {
      s = d.shape[seg];
    } else if (d.type === "record" && d.valueType) {
      s = d.valueType;
    } else if (d.type === "array" && d.element && typeof seg === "number") {
      s = d.element;
    } else {
      return undefined;
    }
  }
  return s;
}

let cachedParams: ParamInfo[] | undefined;
let cachedIndex: Map<string, ParamInfo> | undefined;

/** Every model parameter, in schema order (sections in the order params.ts declares them). */
export function listParams(): ParamInfo[] {
  if (!cachedParams) {
    const out: ParamInfo[] = [];
    collect(ModelParamsSchema, [], out);
    cachedParams = out;
  }
  return cachedParams.map((p) => ({ ...p }));
}

function collect(schema: AnySchema, prefix: string[], out: ParamInfo[]): void {
  const inner = unwrap(schema);
  const d = defOf(inner);
  if (d.type === "object") {
    for (const [key, child] of Object.entries(d.shape ?? {})) {
      if (key === "source" && defOf(child).type === "optional") continue; // citation notes
      collect(child, [...prefix, key], out);
    }
    return;
  }
  const e = expectationOf(schema);
  if (e.kind !== "number" && e.kind !== "integer" && e.kind !== "boolean") {
    throw new Error(`params.ts: ${prefix.join(".")} is neither a number nor a flag (${d.type})`);
  }
  const meta = metaOf(schema);
  out.push({
    path: prefix.join("."),
    type: e.kind,
    unit: meta.unit ?? "",
    default: defaultOf(schema) as number | boolean,
    ...(e.kind === "boolean" ? {} : { min: e.min, max: e.max }),
    source: meta.source ?? "",
    description: meta.description ?? "",
  });
}

/** The parameter at a dotted path, or undefined. */
export function paramAt(path: string): ParamInfo | undefined {
  if (!cachedIndex) cachedIndex = new Map(listParams().map((p) => [p.path, p]));
  return cachedIndex.get(path);
}

/** Every parameter path (for did-you-mean on design paths and the JSON Schema). */
export function paramPaths(): string[] {
  return listParams().map((p) => p.path);
}
