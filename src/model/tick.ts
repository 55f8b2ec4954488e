import { demand } from "./phases/demand.js";
import { entry } from "./phases/entry.js";
import { environment } from "./phases/environment.js";
import { exit } from "./phases/exit.js";
import { finance } from "./phases/finance.js";
import { liquidity } from "./phases/liquidity.js";
import { openQuarter } from "./phases/openQuarter.js";
import { production } from "./phases/production.js";
import { programmes } from "./phases/programmes.js";
import { record } from "./phases/record.js";
import { rnd } from "./phases/rnd.js";
import { talent } from "./phases/talent.js";
import { taxes } from "./phases/taxes.js";
import { universities } from "./phases/universities.js";
import { venture } from "./phases/venture.js";
import type { World } from "./world.js";

/** One quarter: the ODD schedule (docs/ODD.md §3), phase by phase, in this order. */
export function tick(w: World): void {
  openQuarter(w); //    0. clear the quarter's flows and tallies
  environment(w); //    1. demand, wage, effective policy parameters
  programmes(w); //     2. certification, grant competitions, services, challenges, guidance fund
  talent(w); //         3. graduates in, talent outflow (retention)
  universities(w); //   4. research, licences, spin-offs
  rnd(w); //            5. R&D budgets, hiring, projects, innovation, imitation, patents
  demand(w); //         6. market shares, sales, public purchases, B2B with late payment
  production(w); //     7. employment, wages, compliance, capital
  finance(w); //        8. debt service, bank credit, guarantees, policy bank
  venture(w); //        9. VC funds, rounds, exits, bridge loans
  liquidity(w); //     10. unbridged cash shortfalls
  taxes(w); //         11. profit tax, R&D tax credits, dividends
  exit(w); //          12. exits, liquidation, defaults, guarantee calls, bank resolution
  entry(w); //         13. start-ups
  record(w); //        14. metrics
}
