import { certificationReview } from "../instruments/certification.js";
import { grantCompetition } from "../instruments/grants.js";
import { guidanceHorseRace, openGuidanceSubFunds } from "../instruments/guidanceFund.js";
import { ipEnforcement } from "../instruments/ipProtection.js";
import { latePaymentEnforcement } from "../instruments/latePaymentCap.js";
import { postOpenChallenges } from "../instruments/openChallenges.js";
import { regulatoryReliefAdmin } from "../instruments/regulatoryRelief.js";
import { serviceCentreVisits } from "../instruments/serviceCentres.js";
import type { World } from "../world.js";

/**
 * Phase 2, public programmes (ODD §7.11): the government runs the selective programmes whose
 * decisions precede firms' choices this quarter, and pays the running costs of the regimes.
 */
export function programmes(w: World): void {
  if (w.tick === w.p.government.policyStartQuarter) openGuidanceSubFunds(w); // when the policy starts
  certificationReview(w);
  grantCompetition(w);
  serviceCentreVisits(w);
  postOpenChallenges(w);
  guidanceHorseRace(w);
  ipEnforcement(w, w.macro.patentsInForce);
  latePaymentEnforcement(w);
  regulatoryReliefAdmin(w, w.macro.smes);
}
