import { foundedUid, SITE_FOUND, SITE_RD_SETUP } from "../draws.js";
import { KIND_SME, ORIGIN_SPINOFF, ORIGIN_STARTUP, setLogProductivity } from "../firms.js";
import { EXTERNAL, firmEquityIn, transfer } from "../ledger.js";
import type { World } from "../world.js";
import { unitRevenue } from "./production.js";

/**
 * The founding of a firm (ODD §7.3, §7.4): its state at birth, drawn on its own keyed stream.
 * Entry (phase 13), university spin-offs (phase 4) and the initial population use it.
 */

/** The smallest normal float32, 2^−126: the floor of a start-up's niche (a Float32Array column). */
const FLOAT32_MIN_NORMAL = 2 ** -126;

/**
 * Firm-specific minimum R&D team (ODD §7.4), drawn once at birth on the firm's own stream:
 * c_i = setupStaff · (u/(1−u))^s, i.e. ln c_i logistic around ln setupStaff with scale s
 * (`setupStaffDispersion`). With a common ν a firm performs R&D iff ln(ν·S/w_R) ≥ ln c_i, so the
 * probability of R&D is a logit in ln sales with slope 1/s (Cohen & Klepper 1996: firms differ in
 * the fixed cost of R&D and in technological opportunity), while c_i, being independent of ν_i, does
 * not select performers on their intensity.
 */
export function firmRdSetup(w: World, uid: number): number {
  const r = w.p.rnd;
  if (r.setupStaffDispersion === 0) return r.setupStaff;
  w.rng.at(uid, SITE_RD_SETUP);
  const u = w.rng.open();
  return r.setupStaff * (u / (1 - u)) ** r.setupStaffDispersion;
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
