import { capitaliseFunds } from "./init.js";
import { demand } from "./phases/demand.js";
import { entry } from "./phases/entry.js";
import { environment } from "./phases/environment.js";
import { exit } from "./phases/exit.js";
import { finance } from "./phases/finance.js";
import { openQuarter } from "./phases/openQuarter.js";
import { programmes } from "./phases/programmes.js";
import { record } from "./phases/record.js";
import { rnd } from "./phases/rnd.js";
import { settle } from "./phases/settle.js";
import { talent } from "./phases/talent.js";
import { universities } from "./phases/universities.js";
import { closeLateRounds, venture } from "./phases/venture.js";
import { policySwitch, type World } from "./world.js";

/**
 * One quarter: the ODD schedule (docs/ODD.md §3), phase by phase, in this order. Phases that
 * only read a firm's own state share a pass over the firms (ODD §3 says which and why).
 */
export function tick(w: World): void {
  policySwitch(w, capitaliseFunds); // instruments act from government.policyStartQuarter on
  openQuarter(w); //    0. clear the quarter's tallies and spending
  environment(w); //    1. demand, wage, effective policy parameters
  programmes(w); //     2. certification, grant competitions, services, challenges, guidance fund
  talent(w); //         3. graduates in, talent outflow (retention)
  universities(w); //   4. research, licences, spin-offs
  rnd(w); //            5. R&D budgets, hiring, projects, innovation, imitation, patents (+ 6: competitiveness)
  demand(w); //         6. market shares, sales, public purchases, B2B (+ 7: production, 8: NW/sales)
  finance(w); //        8. debt service, bank credit, guarantees, policy bank
  venture(w); //        9. VC funds, rounds, exits, bridge loans
  settle(w); //     10–12. cash shortfalls, taxes and dividends, exit rule
  exit(w); //          12. liquidation of the leaving firms, defaults, guarantee calls, bank resolution
  closeLateRounds(w); // 12b. late VC rounds close at the quarter's end (after the shortfall count)
  entry(w); //         13. start-ups
  record(w); //        14. record sums and metrics (+ 0: the firms' next quarter opens)
}
