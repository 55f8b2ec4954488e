import { defaultParams } from "../model/params.js";

/** Flattens nested parameters into dotted paths → leaf values. */
export function flattenParams(
  value: unknown,
  prefix = "",
  out: Record<string, unknown> = {},
): Record<string, unknown> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      flattenParams(v, prefix ? `${prefix}.${k}` : k, out);
    }
  } else {
    out[prefix] = value;
  }
  return out;
}

/** The parameters that differ from the model's defaults, as [path, value, default] text. */
export function changedParams(params: unknown): [string, string, string][] {
  const defaults = flattenParams(defaultParams());
  const mine = flattenParams(params);
  const rows: [string, string, string][] = [];
  for (const [path, value] of Object.entries(mine)) {
    if (path.endsWith(".source") || path === "source") continue;
    const def = defaults[path];
    if (JSON.stringify(def) !== JSON.stringify(value)) rows.push([path, show(value), show(def)]);
  }
  return rows;
}

function show(v: unknown): string {
  return v === undefined ? "–" : typeof v === "string" ? v : JSON.stringify(v);
}
