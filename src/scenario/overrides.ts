import { type ModelParams, ModelParamsSchema } from "../model/params.js";
import { lhsSeed } from "./designs/index.js";
import { describeValue, ScenarioError, unknownKeyMessage } from "./errors.js";
import { type ResolvedScenario, scenarioHash } from "./load.js";
import { describeExpectation, paramAt, paramPaths } from "./paramTree.js";

/**
 * Changes after loading: command-line flags and single parameter paths, checked with the same
 * bounds and messages as scenario files (naming the flag or path instead of a file position).
 */

/** Sets one parameter (dotted path) and returns a checked copy; `label` names it in messages. */
function setChecked(params: ModelParams, path: string, value: unknown, label: string): ModelParams {
  const info = paramAt(path);
  if (!info) {
    throw new ScenarioError([
      {
        path: label,
        message: `${JSON.stringify(path)}: ${unknownKeyMessage(path, paramPaths(), "unknown parameter path")}`,
      },
    ]);
  }
  const expected = describeExpectation({ kind: info.type, min: info.min, max: info.max, unit: info.unit });
  const bad = (problem: string) =>
    new ScenarioError([{ path: label, message: `${describeValue(value)} ${problem}: ${expected}` }]);
  if (info.type === "boolean") {
    if (typeof value !== "boolean") throw bad("has the wrong type");
  } else {
    if (typeof value !== "number" || Number.isNaN(value)) throw bad("has the wrong type");
    if (info.type === "integer" && Number.isFinite(value) && !Number.isInteger(value))
      throw bad("is not an integer");
    if (!Number.isFinite(value) || value < (info.min ?? -Infinity) || value > (info.max ?? Infinity)) {
      throw bad("is out of range");
    }
  }
  const copy = structuredClone(params) as Record<string, unknown>;
  const segs = path.split(".");
  let node = copy;
  for (const seg of segs.slice(0, -1)) node = node[seg] as Record<string, unknown>;
  node[segs[segs.length - 1]] = value;
  const parsed = ModelParamsSchema.safeParse(copy);
  if (!parsed.success) throw bad("is invalid");
  return parsed.data;
}

/** Sets the parameter at a dotted path and returns a validated copy; throws ScenarioError. */
export function setParamPath(params: ModelParams, path: string, value: unknown): ModelParams {
  return setChecked(params, path, value, path);
}

export interface Overrides {
  ticks?: number;
  firms?: number;
  replications?: number;
  seed?: number;
}

/** Applies command-line flags (--ticks, --firms, --replications, --seed) to a scenario. */
export function applyOverrides(s: ResolvedScenario, o: Overrides): ResolvedScenario {
  let params = s.params;
  if (o.ticks !== undefined) params = setChecked(params, "ticks", o.ticks, "--ticks");
  if (o.firms !== undefined) params = setChecked(params, "firms", o.firms, "--firms");
  const replications = o.replications ?? s.replications;
  if (!Number.isInteger(replications) || replications < 1 || replications > 1_000_000) {
    throw new ScenarioError([
      {
        path: "--replications",
        message: `${describeValue(o.replications)} is out of range: expected an integer in [1, 1000000] (runs)`,
      },
    ]);
  }
  const seed = o.seed ?? s.seed;
  if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) {
    throw new ScenarioError([
      {
        path: "--seed",
        message: `${describeValue(o.seed)} is out of range: expected an integer in [0, 4294967295] (uint32)`,
      },
    ]);
  }
  // An LHS draw depends on the base seed, so a new seed draws a new hypercube.
  const design =
    s.design.kind === "lhs" && seed !== s.seed
      ? { ...s.design, seed: lhsSeed(s.design.samples, s.design.axes, seed) }
      : s.design;
  return { ...s, params, replications, seed, design, hash: scenarioHash(params, design, seed) };
}
