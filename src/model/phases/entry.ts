import { SITE_ENTRY } from "../draws.js";
import { ORIGIN_STARTUP } from "../firms.js";
import { countLiveSmes, METRIC } from "../queries.js";
import type { World } from "../world.js";
import { foundFirm } from "./founding.js";

/**
 * Founders per quarter per initial SME: the firms founded in a quarter (spin-offs and start-ups
 * together) are at most FOUNDERS_PER_FIRM · N₀, N₀ = max(FOUNDERS_FLOOR, initial SMEs) (ODD §7.3,
 * founding capacity). At the default parameters entry is below 0.1 · N₀ a quarter.
 */
export const FOUNDERS_PER_FIRM = 1;
/** The founding capacity's N₀ is at least this (an economy of a few SMEs still takes spin-offs). */
export const FOUNDERS_FLOOR = 16;
/** No firm is founded while the live SMEs number SME_CAPACITY · N₀ or more (ODD §7.3). */
export const SME_CAPACITY = 10;

/**
 * Firms that may still be founded this quarter (ODD §7.3, founding capacity): at most
 * FOUNDERS_PER_FIRM · N₀ a quarter, spin-offs (phase 4) first, and the live SMEs at most
 * SME_CAPACITY · N₀, N₀ = max(FOUNDERS_FLOOR, initial SMEs). So the population grows by at most
 * N₀ firms a quarter and never beyond SME_CAPACITY · N₀ SMEs, whatever the start-up rate or the
 * universities' inventions: a run's memory is bounded by its initial size.
 */
export function foundingRoom(w: World): number {
  const n0 = Math.max(FOUNDERS_FLOOR, w.p.firms);
  const born = w.bornTick === w.tick ? w.bornCount : 0;
  return Math.max(0, Math.min(FOUNDERS_PER_FIRM * n0 - born, SME_CAPACITY * n0 - countLiveSmes(w)));
}

/**
 * Phase 13, entry (ODD §7.3): Poisson(rate · SMEs · finance factor · talent factor) start-ups,
 * with rate = entryRate + entryProfitSensitivity · max(0, mean SME operating surplus in wages)
 * (Nelson–Winter, Taymaz), at most the quarter's founding room (`foundingRoom`). The surplus per
 * SME falls as SMEs crowd the market (each gets a smaller slice of demand and pays the same fixed
 * cost), so entry falls until it matches exit (free entry). Their slots are kept in
 * `World.entrants` for the record.
 */
export function entry(w: World): void {
  const p = w.p.population;
  const m = w.macro;
  const rate = startupRate(p.entryRate, p.entryProfitSensitivity, m.meanSmeSurplus);
  const finance = 1 - 0.5 * m.rationedShare;
  const talentFactor = m.initialTalentPool > 0 ? Math.min(1, m.talentPool / m.initialTalentPool) : 1;
  w.rng.at(0, SITE_ENTRY);
  const n = Math.min(w.rng.poisson(rate * m.smes * finance * talentFactor), foundingRoom(w));
  const entrants = w.entrants;
  entrants.length = 0;
  for (let k = 0; k < n; k++) entrants.push(foundFirm(w, ORIGIN_STARTUP));
  w.tally[METRIC.entries] += n;
}

/**
 * Start-up rate per SME (Nelson–Winter, Taymaz): nExo + nPro · max(0, π̄), with π̄ the mean SME
 * operating surplus per quarter in production wages (worker-quarters), so that entry responds to
 * crowding.
 */
export function startupRate(base: number, sensitivity: number, meanProfit: number): number {
  return base + sensitivity * Math.max(0, meanProfit);
}
