import { EXIT_CAUSES } from "../../model/types.js";

/**
 * Survival of entry cohorts: the Kaplan–Meier estimate of the share of start-ups still alive k
 * years after entry, pooling every cohort that entered after the burn-in. A firm still alive at
 * the end of the run is right-censored at its age then; a firm acquired by a lead firm is also
 * censored by default (its business continues inside the buyer, as in establishment-based data
 * such as the US Business Dynamics Statistics), unless `acquisitionIsExit` is set.
 */
export interface SurvivalInput {
  entryTick: ArrayLike<number>;
  /** −1 while alive */
  exitTick: ArrayLike<number>;
  /** index into EXIT_CAUSES; optional */
  exitCause?: ArrayLike<number>;
  /** 0 initial firm, 1 start-up, 2 spin-off; optional (all counted as entrants when absent) */
  origin?: ArrayLike<number>;
}

export interface SurvivalOptions {
  /** Ticks in the run (the censoring time of firms alive at the end). */
  endTick: number;
  /** Only firms entering at or after this tick form the cohorts. */
  fromTick?: number;
  ticksPerYear?: number;
  acquisitionIsExit?: boolean;
}

export interface SurvivalCurve {
  /** S(t) at each whole year t = 0, 1, …, until no cohort member is observed that long. */
  years: number[];
  survival: number[];
  /** Greenwood standard error of each S(t). */
  se: number[];
  /** Firms in the pooled cohort. */
  entrants: number;
}

const ACQUIRED = EXIT_CAUSES.indexOf("acquired");

/** Kaplan–Meier survival of start-ups (origin ≠ 0) entering at or after `fromTick`. */
export function cohortSurvival(firms: SurvivalInput, options: SurvivalOptions): SurvivalCurve {
  const tpy = options.ticksPerYear ?? 4;
  const from = options.fromTick ?? 0;
  const durations: number[] = [];
  const events: boolean[] = [];
  for (let i = 0; i < firms.entryTick.length; i++) {
    if (firms.origin && firms.origin[i] === 0) continue;
    const entry = firms.entryTick[i];
    if (entry < from || entry >= options.endTick) continue;
    const exit = firms.exitTick[i];
    const acquired = firms.exitCause !== undefined && firms.exitCause[i] === ACQUIRED;
    if (exit === -1) {
      durations.push(options.endTick - entry);
      events.push(false);
    } else {
      durations.push(exit - entry);
      events.push(!acquired || options.acquisitionIsExit === true);
    }
  }
  const km = kaplanMeier(durations, events);
  const years: number[] = [];
  const survival: number[] = [];
  const se: number[] = [];
  const maxObserved = durations.reduce((m, d) => Math.max(m, d), 0);
  for (let y = 0; y * tpy <= maxObserved; y++) {
    const at = km.at(y * tpy);
    years.push(y);
    survival.push(at.s);
    se.push(at.se);
  }
  return { years, survival, se, entrants: durations.length };
}

/**
 * Kaplan–Meier product-limit estimator on durations (in ticks) with event flags (true = exit
 * observed, false = censored). `at(t)` gives S(t) = P(T > t) with a Greenwood standard error;
 * exits at exactly t count as not surviving t. NaN beyond the longest observed duration.
 */
export function kaplanMeier(
  durations: readonly number[],
  events: readonly boolean[],
): { times: number[]; survival: number[]; at: (t: number) => { s: number; se: number } } {
  const order = durations.map((_, i) => i).sort((p, q) => durations[p] - durations[q]);
  const times: number[] = [];
  const survival: number[] = [];
  const greenwood: number[] = [];
  let atRisk = durations.length;
  let s = 1;
  let gw = 0;
  let k = 0;
  while (k < order.length) {
    const t = durations[order[k]];
    let deaths = 0;
    let removed = 0;
    while (k < order.length && durations[order[k]] === t) {
      if (events[order[k]]) deaths++;
      removed++;
      k++;
    }
    if (deaths > 0) {
      s *= 1 - deaths / atRisk;
      gw += atRisk > deaths ? deaths / (atRisk * (atRisk - deaths)) : 0;
      times.push(t);
      survival.push(s);
      greenwood.push(gw);
    }
    atRisk -= removed;
  }
  const maxT = durations.reduce((m, d) => Math.max(m, d), Number.NEGATIVE_INFINITY);
  const at = (t: number) => {
    if (durations.length === 0 || t > maxT) return { s: Number.NaN, se: Number.NaN };
    let lo = -1;
    for (let i = 0; i < times.length && times[i] <= t; i++) lo = i;
    if (lo < 0) return { s: 1, se: 0 };
    return { s: survival[lo], se: survival[lo] * Math.sqrt(greenwood[lo]) };
  };
  return { times, survival, at };
}
