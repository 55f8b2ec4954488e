import type { RunOutputs } from "./runs.js";

/** One step of a Kaplan–Meier curve: survival just after `time`, with a 95% band. */
export interface SurvivalPoint {
  time: number;
  atRisk: number;
  events: number;
  survival: number;
  lo: number;
  hi: number;
}

/**
 * Kaplan–Meier estimate of the survival function from durations and event flags (true: the
 * event happened at that duration; false: censored then). Returns a point at time 0 and one at
 * every distinct event time. The band is Greenwood's variance on the log(−log S) scale, which
 * stays inside [0, 1].
 */
export function kaplanMeier(durations: ArrayLike<number>, events: ArrayLike<boolean>): SurvivalPoint[] {
  const n = durations.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => durations[a] - durations[b]);
  const points: SurvivalPoint[] = [{ time: 0, atRisk: n, events: 0, survival: 1, lo: 1, hi: 1 }];
  let atRisk = n;
  let s = 1;
  let greenwood = 0;
  let i = 0;
  while (i < n) {
    const t = durations[order[i]];
    let d = 0;
    let c = 0;
    while (i < n && durations[order[i]] === t) {
      if (events[order[i]]) d++;
      else c++;
      i++;
    }
    if (d > 0) {
      s *= 1 - d / atRisk;
      if (atRisk > d) greenwood += d / (atRisk * (atRisk - d));
      const band = logLogBand(s, greenwood);
      points.push({ time: t, atRisk, events: d, survival: s, lo: band[0], hi: band[1] });
    }
    atRisk -= d + c;
  }
  return points;
}

function logLogBand(s: number, greenwood: number): [number, number] {
  if (s <= 0 || s >= 1) return [s, s];
  const logS = Math.log(s);
  const se = Math.sqrt(greenwood) / Math.abs(logS);
  const z = 1.959963984540054;
  return [s ** Math.exp(z * se), s ** Math.exp(-z * se)];
}

/**
 * Durations (quarters from entry to exit, or to the horizon when still alive) of the start-ups
 * and spin-offs founded during the run, pooled over runs. An acquisition ends the firm's life
 * without failure, so it counts as censored, not as an exit.
 */
export function startupDurations(runs: readonly RunOutputs[]): { durations: number[]; events: boolean[] } {
  const durations: number[] = [];
  const events: boolean[] = [];
  const acquired = 4; // index of "acquired" in EXIT_CAUSES
  for (const r of runs) {
    const f = r.firms;
    if (!f) continue;
    for (let i = 0; i < f.kind.length; i++) {
      if (f.kind[i] !== 0 || f.origin[i] === 0) continue;
      const exit = f.exitTick[i];
      const ended = exit >= 0 ? exit : r.ticks;
      durations.push(Math.max(0, ended - f.entryTick[i]));
      events.push(exit >= 0 && f.exitCause[i] !== acquired);
    }
  }
  return { durations, events };
}
