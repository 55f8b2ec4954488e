import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse } from "yaml";
import { paramAt } from "../../scenario/paramTree.js";
import { MOMENT_IDS, MOMENTS, momentIndex } from "./moments.js";

/**
 * A targets file (calibration/*.yaml): the moments to match with their empirical value, its
 * uncertainty and source, the parameters to estimate with their prior ranges, and the size of
 * the simulated economy and of the ABC-SMC run. Example:
 *
 *   name: default
 *   scenario: ../scenarios/baseline.yaml     # optional; relative to this file
 *   economy: { firms: 200, ticks: 40, burnIn: 8, replications: 2 }
 *   abc: { particles: 48, generations: 8, seed: 1 }
 *   moments:
 *     - { id: size.paretoAlpha, value: 1.059, se: 0.054, source: "Axtell (2001)" }
 *     - { id: survival.year1, band: [0.75, 0.85], source: BDS }      # band = ±2 s.e.
 *     - { id: turnover.exitRate, band: [0.05, 0.15], heldOut: true }  # checked, not fitted
 *   parameters:
 *     - { path: market.nicheShockSd, prior: [0.08, 0.25], source: "…" }
 */
export interface MomentTarget {
  id: string;
  name: string;
  unit: string;
  value: number;
  /** Standard error of the value (a band [lo, hi] is read as value ± 2 s.e.). */
  se: number;
  band?: [number, number];
  source: string;
  /** Not used in the distance; checked by the posterior predictive check. */
  heldOut: boolean;
}

export interface ParameterPrior {
  path: string;
  lo: number;
  hi: number;
  source: string;
  /** The model's default (for the report). */
  default?: number;
}

export interface EconomySize {
  firms: number;
  ticks: number;
  burnIn: number;
  /** Common seeds each particle runs on (its moments are the mean over them). */
  replications: number;
}

export interface AbcSettings {
  particles: number;
  generations: number;
  seed: number;
  /** Share of the effective sample size kept when the tolerance shrinks. */
  alpha: number;
  /** Generations of moves at the final tolerance. */
  finalMoves: number;
  /** Posterior draws of the predictive check (each on `replications` fresh seeds). */
  predictiveDraws: number;
}

export interface TargetsFile {
  file: string;
  name: string;
  description?: string;
  /** Base scenario (absolute path), or undefined for the model defaults. */
  scenario?: string;
  economy: EconomySize;
  abc: AbcSettings;
  moments: MomentTarget[];
  parameters: ParameterPrior[];
}

export class TargetsError extends Error {
  readonly exitCode = 2;
}

export const DEFAULT_ECONOMY: EconomySize = { firms: 200, ticks: 40, burnIn: 8, replications: 2 };
export const DEFAULT_ABC: AbcSettings = {
  particles: 48,
  generations: 8,
  seed: 1,
  alpha: 0.5,
  finalMoves: 2,
  predictiveDraws: 16,
};

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function finite(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

export function parseTargets(text: string, file: string): TargetsFile {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new TargetsError(`${file}: invalid YAML: ${(e as Error).message}`);
  }
  const errors: string[] = [];
  const err = (path: string, msg: string): undefined => {
    errors.push(`${file}: ${path}: ${msg}`);
    return undefined;
  };
  if (!isObject(raw)) throw new TargetsError(`${file}: expected a mapping with moments and parameters`);
  const known = ["name", "description", "scenario", "economy", "abc", "moments", "parameters", "source"];
  for (const k of Object.keys(raw))
    if (!known.includes(k)) err(k, `unknown key (expected one of ${known.join(", ")})`);

  const intIn = (
    obj: Record<string, unknown>,
    key: string,
    path: string,
    min: number,
    def: number,
  ): number => {
    const v = obj[key];
    if (v === undefined) return def;
    if (!(Number.isInteger(v) && (v as number) >= min)) {
      err(`${path}.${key}`, `expected an integer ≥ ${min}, got ${JSON.stringify(v)}`);
      return def;
    }
    return v as number;
  };
  const economyRaw = raw.economy === undefined ? {} : raw.economy;
  const abcRaw = raw.abc === undefined ? {} : raw.abc;
  if (!isObject(economyRaw)) err("economy", "expected a mapping");
  if (!isObject(abcRaw)) err("abc", "expected a mapping");
  const eco = isObject(economyRaw) ? economyRaw : {};
  const abcR = isObject(abcRaw) ? abcRaw : {};
  const economy: EconomySize = {
    firms: intIn(eco, "firms", "economy", 1, DEFAULT_ECONOMY.firms),
    ticks: intIn(eco, "ticks", "economy", 1, DEFAULT_ECONOMY.ticks),
    burnIn: intIn(eco, "burnIn", "economy", 0, DEFAULT_ECONOMY.burnIn),
    replications: intIn(eco, "replications", "economy", 1, DEFAULT_ECONOMY.replications),
  };
  const alpha = abcR.alpha === undefined ? DEFAULT_ABC.alpha : abcR.alpha;
  if (!(finite(alpha) && alpha > 0 && alpha < 1)) err("abc.alpha", "expected a number in (0, 1)");
  const abc: AbcSettings = {
    particles: intIn(abcR, "particles", "abc", 4, DEFAULT_ABC.particles),
    generations: intIn(abcR, "generations", "abc", 1, DEFAULT_ABC.generations),
    seed: intIn(abcR, "seed", "abc", 0, DEFAULT_ABC.seed),
    alpha: finite(alpha) ? alpha : DEFAULT_ABC.alpha,
    finalMoves: intIn(abcR, "finalMoves", "abc", 1, DEFAULT_ABC.finalMoves),
    predictiveDraws: intIn(abcR, "predictiveDraws", "abc", 1, DEFAULT_ABC.predictiveDraws),
  };

  const moments: MomentTarget[] = [];
  if (!Array.isArray(raw.moments) || raw.moments.length === 0) err("moments", "expected a non-empty list");
  else
    for (const [i, m] of (raw.moments as unknown[]).entries()) {
      const one = ((): MomentTarget | undefined => {
        const path = `moments[${i}]`;
        if (!isObject(m)) return err(path, "expected a mapping with id and value/se or band");
        const id = m.id;
        if (typeof id !== "string" || momentIndex(id) === undefined)
          return err(`${path}.id`, `unknown moment ${JSON.stringify(id)} (one of ${MOMENT_IDS.join(", ")})`);
        if (moments.some((x) => x.id === id)) return err(`${path}.id`, `${id} is listed twice`);
        const def = MOMENTS[momentIndex(id)!];
        let value: number;
        let se: number;
        let band: [number, number] | undefined;
        if (m.band !== undefined) {
          const b = m.band;
          if (!(Array.isArray(b) && b.length === 2 && finite(b[0]) && finite(b[1]) && b[0] < b[1]))
            return err(`${path}.band`, "expected [lo, hi] with lo < hi");
          band = [b[0], b[1]];
          value = finite(m.value) ? m.value : (b[0] + b[1]) / 2;
          se = finite(m.se) ? m.se : (b[1] - b[0]) / 4;
        } else {
          if (!finite(m.value)) return err(`${path}.value`, "expected a number (or give band: [lo, hi])");
          if (!(finite(m.se) && m.se > 0)) return err(`${path}.se`, "expected a standard error > 0");
          value = m.value;
          se = m.se;
        }
        if (!(se > 0)) return err(`${path}.se`, "expected a standard error > 0");
        const heldOut = m.heldOut === undefined ? false : m.heldOut;
        if (typeof heldOut !== "boolean") return err(`${path}.heldOut`, "expected true or false");
        return {
          id,
          name: typeof m.name === "string" ? m.name : def.name,
          unit: def.unit,
          value,
          se,
          ...(band ? { band } : {}),
          source: typeof m.source === "string" ? m.source : "",
          heldOut,
        };
      })();
      if (one) moments.push(one);
    }
  if (moments.length > 0 && moments.every((m) => m.heldOut))
    err("moments", "every moment is held out: none to fit");

  const parameters: ParameterPrior[] = [];
  if (!Array.isArray(raw.parameters) || raw.parameters.length === 0)
    err("parameters", "expected a non-empty list");
  else
    for (const [i, p] of (raw.parameters as unknown[]).entries()) {
      const one = ((): ParameterPrior | undefined => {
        const path = `parameters[${i}]`;
        if (!isObject(p)) return err(path, "expected a mapping with path and prior: [lo, hi]");
        const pp = p.path;
        const info = typeof pp === "string" ? paramAt(pp) : undefined;
        if (typeof pp !== "string" || !info || info.type !== "number")
          return err(
            `${path}.path`,
            `${JSON.stringify(pp)} is not a real-valued model parameter (see \`ecosim params\`)`,
          );
        if (parameters.some((x) => x.path === pp)) return err(`${path}.path`, `${pp} is listed twice`);
        const prior = isObject(p.prior) ? p.prior.uniform : p.prior;
        if (
          !(
            Array.isArray(prior) &&
            prior.length === 2 &&
            finite(prior[0]) &&
            finite(prior[1]) &&
            prior[0] < prior[1]
          )
        )
          return err(`${path}.prior`, "expected [lo, hi] (uniform) with lo < hi");
        if (
          (info.min !== undefined && prior[0] < info.min) ||
          (info.max !== undefined && prior[1] > info.max)
        )
          return err(
            `${path}.prior`,
            `[${prior[0]}, ${prior[1]}] leaves the bounds [${info.min}, ${info.max}]`,
          );
        return {
          path: pp,
          lo: prior[0],
          hi: prior[1],
          source: typeof p.source === "string" ? p.source : "",
          ...(typeof info.default === "number" ? { default: info.default } : {}),
        };
      })();
      if (one) parameters.push(one);
    }

  let scenario: string | undefined;
  if (raw.scenario !== undefined) {
    if (typeof raw.scenario !== "string" || raw.scenario === "") err("scenario", "expected a file path");
    else scenario = resolve(dirname(file), raw.scenario);
  }
  if (economy.burnIn >= economy.ticks)
    err("economy.burnIn", `must be below economy.ticks (${economy.ticks})`);
  if (errors.length > 0) throw new TargetsError(errors.join("\n"));
  return {
    file,
    name: typeof raw.name === "string" && raw.name ? raw.name : "calibration",
    ...(typeof raw.description === "string" ? { description: raw.description } : {}),
    ...(scenario ? { scenario } : {}),
    economy,
    abc,
    moments,
    parameters,
  };
}

export function loadTargets(file: string): TargetsFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new TargetsError(`${file}: cannot read the targets file: ${(e as Error).message}`);
  }
  return parseTargets(text, file);
}
