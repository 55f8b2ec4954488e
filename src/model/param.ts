import { z } from "zod";

/**
 * Every model parameter carries its unit, its default, its bounds and its source, so that
 * `ecosim params`, the JSON Schema and docs/ODD.md are generated from one place.
 */
export type ParamMeta = {
  /** What the parameter means, in one sentence. */
  description: string;
  /** Physical unit, e.g. "M per quarter", "share", "quarters". "1" for pure numbers. */
  unit: string;
  /** Where the value comes from: "digest 000 §3.3", "Dosi et al. 2010", "calibrated (ODD §7)". */
  source: string;
};

/** A real parameter in [min, max] with a default. */
export function num(def: number, min: number, max: number, meta: ParamMeta) {
  return z.number().min(min).max(max).default(def).meta(meta);
}

/** An integer parameter in [min, max] with a default. */
export function int(def: number, min: number, max: number, meta: ParamMeta) {
  return z.number().int().min(min).max(max).default(def).meta(meta);
}

/** An on/off parameter. */
export function flag(def: boolean, meta: ParamMeta) {
  return z.boolean().default(def).meta(meta);
}

/**
 * A group of parameters: unknown keys are errors, and an omitted group takes every default
 * (prefault parses `{}` through the inner schema, unlike `default`).
 */
export function section<T extends z.core.$ZodLooseShape>(shape: T, description: string) {
  return z
    .strictObject({ ...shape, source: sourceNote })
    .prefault({} as never)
    .meta({ description });
}

/** Every block may carry a citation for its figures, e.g. `source: "000 §3.3"` (digest file and section). */
const sourceNote = z
  .string()
  .optional()
  .meta({ description: "Citation for the figures in this block (digest file § section)." });

/** The switch every instrument has; the baseline leaves it off. */
export function enabledFlag(name: string) {
  return flag(false, {
    description: `Switches the ${name} on; off in the baseline.`,
    unit: "on/off",
    source: "design: every instrument is off in the baseline",
  });
}
