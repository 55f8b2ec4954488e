import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * A small JSON Schema (draft-07 subset) validator, enough for the schema vega-lite ships
 * (node_modules/vega-lite/build/vega-lite-schema.json): $ref, anyOf/oneOf/allOf, type, enum,
 * const, properties, additionalProperties, required, items, minItems/maxItems,
 * minimum/maximum. Returns the first few errors with their JSON paths; [] means valid.
 */
type Schema = Record<string, unknown> | boolean;

const require = createRequire(import.meta.url);
let cached: Record<string, unknown> | undefined;

export function vegaLiteSchema(): Record<string, unknown> {
  cached ??= JSON.parse(
    readFileSync(join(dirname(require.resolve("vega-lite")), "vega-lite-schema.json"), "utf8"),
  ) as Record<string, unknown>;
  return cached;
}

export function validate(value: unknown, root = vegaLiteSchema()): string[] {
  return check(value, root, root, "$");
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function typeMatches(v: unknown, t: string): boolean {
  const actual = typeOf(v);
  return actual === t || (t === "number" && actual === "integer");
}

function resolve(ref: string, root: Record<string, unknown>): Schema {
  let node: unknown = root;
  for (const part of ref.replace(/^#\//, "").split("/")) {
    node = (node as Record<string, unknown>)[
      decodeURIComponent(part.replace(/~1/g, "/").replace(/~0/g, "~"))
    ];
  }
  if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  return node as Schema;
}

function check(v: unknown, schema: Schema, root: Record<string, unknown>, path: string): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: not allowed`];
  const s = schema;
  if (typeof s.$ref === "string") return check(v, resolve(s.$ref, root), root, path);
  const errors: string[] = [];
  for (const key of ["anyOf", "oneOf"] as const) {
    const alts = s[key] as Schema[] | undefined;
    if (alts) {
      const results = alts.map((a) => check(v, a, root, path));
      if (!results.some((r) => r.length === 0)) {
        const best = results.reduce((a, b) => (a.length <= b.length ? a : b));
        return [`${path}: matches none of ${key} (closest: ${best[0] ?? "?"})`];
      }
    }
  }
  if (Array.isArray(s.allOf)) for (const a of s.allOf as Schema[]) errors.push(...check(v, a, root, path));
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => typeMatches(v, t))) return [`${path}: ${typeOf(v)} is not ${types.join("|")}`];
  }
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
    return [`${path}: ${JSON.stringify(v)} not in enum`];
  }
  if ("const" in s && JSON.stringify(s.const) !== JSON.stringify(v))
    return [`${path}: not ${JSON.stringify(s.const)}`];
  if (typeof v === "number") {
    if (typeof s.minimum === "number" && v < s.minimum) errors.push(`${path}: below ${s.minimum}`);
    if (typeof s.maximum === "number" && v > s.maximum) errors.push(`${path}: above ${s.maximum}`);
  }
  if (Array.isArray(v)) {
    if (typeof s.minItems === "number" && v.length < s.minItems)
      errors.push(`${path}: fewer than ${s.minItems} items`);
    if (typeof s.maxItems === "number" && v.length > s.maxItems)
      errors.push(`${path}: more than ${s.maxItems} items`);
    if (Array.isArray(s.items)) {
      (s.items as Schema[]).forEach((item, i) => {
        if (i < v.length) errors.push(...check(v[i], item, root, `${path}[${i}]`));
      });
    } else if (s.items !== undefined) {
      v.forEach((x, i) => {
        errors.push(...check(x, s.items as Schema, root, `${path}[${i}]`));
      });
    }
  }
  if (typeOf(v) === "object") {
    const obj = v as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const r of (s.required as string[] | undefined) ?? []) {
      if (!(r in obj)) errors.push(`${path}: missing ${r}`);
    }
    for (const [k, x] of Object.entries(obj)) {
      if (k in props) errors.push(...check(x, props[k], root, `${path}.${k}`));
      else if (s.additionalProperties === false) errors.push(`${path}: unknown property ${k}`);
      else if (typeof s.additionalProperties === "object") {
        errors.push(...check(x, s.additionalProperties as Schema, root, `${path}.${k}`));
      }
    }
  }
  return errors.slice(0, 5);
}
