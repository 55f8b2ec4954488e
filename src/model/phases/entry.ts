import { foundedUid, SITE_ENTRY, SITE_FOUND } from "../draws.js";
import { KIND_SME, ORIGIN_SPINOFF, ORIGIN_STARTUP, setLogProductivity } from "../firms.js";
import { EXTERNAL, firmEquityIn, transfer } from "../ledger.js";
import { countLiveSmes, METRIC } from "../queries.js";
import type { World } from "../world.js";
import { firmRdSetup } from "./founding.js";
import { unitRevenue } from "./production.js";

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

/** The smallest normal float32, 2^−126: the floor of a start-up's niche (a Float32Array column). */
const FLOAT32_MIN_NORMAL = 2 ** -126;

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

/**
 * Found a start-up or a university spin-off (ODD §7.3): lognormal size around startupEmployees;
 * technology drawn around the mean (K+S entrant draw, Beta(2, 4)); spin-offs bring high quality
 * and potential; a share techStartupShare of start-ups (all spin-offs) start with an R&D team
 * plan; founders pay in startupCash and buy the firm's capital.
 */
export function foundFirm(w: World, origin: number): number {
  const p = w.p;
  const f = w.firms;
  const m = w.macro;
  const rng = w.rng;
  const r = p.rnd;
  const i = f.allocate(w.tick);
  // stream key: birth quarter and order of birth within it (spin-offs, then start-ups), so that an
  // extra entrant under one scenario does not shift the streams of every later entrant
  if (w.bornTick !== w.tick) {
    w.bornTick = w.tick;
    w.bornCount = 0;
  }
  f.uid[i] = foundedUid(w.tick, w.bornCount++);
  rng.at(f.uid[i], SITE_FOUND);
  f.kind[i] = KIND_SME;
  f.origin[i] = origin;
  const employees = p.population.startupEmployees * Math.exp(0.5 * rng.normal());
  const span = r.jumpMax - r.jumpMin;
  setLogProductivity(f, i, Math.log(m.meanProductivity * (1 + r.jumpMin + rng.beta(2, 4) * span)));
  f.logQuality[i] = Math.log(
    m.meanQuality * (1 + r.jumpMin + rng.beta(2, 4) * span) * (origin === ORIGIN_SPINOFF ? 1 + r.jumpMax : 1),
  );
  f.potential[i] = r.potentialSd * (rng.normal() + (origin === ORIGIN_SPINOFF ? 1 : 0));
  f.expPotential[i] = Math.exp(f.potential[i]);
  f.rdPropensity[i] = firmRdPropensity(w, r.rdPropensity);
  f.awareness[i] = rng.uniform();
  f.bank[i] = rng.int(w.banks.length);
  const sales = employees * unitRevenue(m.wage, p.market.markup, p.world.materialsShare);
  f.sales[i] = sales;
  f.share[i] = m.demand > 0 ? sales / m.demand : 0;
  // the start-up's niche is the market it starts with (relative to the mean SME), then drifts; at
  // least the smallest normal float32 (the column's type), so that it never rounds to 0
  f.niche[i] = m.meanSmeShare > 0 ? Math.max(FLOAT32_MIN_NORMAL, f.share[i] / m.meanSmeShare) : 1;
  f.employees[i] = employees;
  const tech =
    origin === ORIGIN_SPINOFF || (origin === ORIGIN_STARTUP && rng.uniform() < p.population.techStartupShare);
  // a technology start-up is founded on an R&D opportunity: its minimum team is at most the median
  const setup = firmRdSetup(w, f.uid[i]);
  f.rdSetup[i] = tech ? Math.min(setup, r.setupStaff) : setup;
  f.rdPlan[i] = tech ? 1.2 * f.rdSetup[i] * m.rdWage : f.rdPropensity[i] * sales;
  f.loanRate[i] = p.world.interestRate + p.credit.baseSpread + 3 * p.credit.spreadStep;
  // founders' money is indexed to the wage (it pays for the first quarters of work)
  firmEquityIn(w.ledger, i, EXTERNAL, p.population.startupCash * (m.wage / m.initialWage));
  const capital = p.population.capitalPerWorker * employees;
  transfer(w.ledger, -1 - i, EXTERNAL, capital);
  f.capital[i] = capital;
  return i;
}

/** Firm-specific R&D propensity: ν · exp(σ Z − σ²/2) (lognormal with mean ν). */
export function firmRdPropensity(w: World, nu: number): number {
  const sd = w.p.rnd.rdPropensitySd;
  return nu * Math.exp(sd * w.rng.normal() - 0.5 * sd * sd);
}
