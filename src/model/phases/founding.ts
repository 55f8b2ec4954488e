import { SITE_RD_SETUP } from "../draws.js";
import type { World } from "../world.js";

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
