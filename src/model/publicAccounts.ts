import { BRIDGE_FUND, GOVERNMENT, GUARANTEE_FUND, POLICY_BANK, REVOLVING_FUND } from "./ledger.js";
import type { World } from "./world.js";

/**
 * The government's net financial position (ODD §2.4), read off the books: the money of the
 * government and of its four funds (policy bank, guarantee fund, revolving fund, bridge fund),
 * plus the public loans outstanding at face value, plus the public share of the guidance
 * sub-funds' uninvested money, less the provision for future guarantee calls. A fund's capital
 * moved from the government to the fund changes nothing; a grant, a tax forgone, a loan loss or a
 * call lowers it; a tax, fee, interest payment or fund distribution raises it. The net public cost
 * of a mix is the fall of this position against the baseline on the same seeds, so no flow is
 * counted twice and nothing is added by hand.
 *
 * Valued as the model values them: VC stakes are carried at zero until an exit pays cash (the
 * books hold no equity claims); the guarantee provision applies the loss rate observed so far
 * (calls per principal ever guaranteed) to the principal still guaranteed.
 */
export function governmentNetPosition(w: World): number {
  const b = w.ledger.balance;
  const pr = w.programmes;
  let position = b[GOVERNMENT] + b[POLICY_BANK] + b[GUARANTEE_FUND] + b[REVOLVING_FUND] + b[BRIDGE_FUND];
  position += pr.policyBank.loans + pr.revolvingFund.loans + pr.bridgeFund.loans;
  // private funds have privateShare 1; a wound-up fund's account is empty
  for (const fund of w.vcFunds) position += (1 - fund.privateShare) * b[fund.account];
  return position - guaranteeProvision(w);
}

/** Expected future calls on the principal still guaranteed, at the loss rate observed so far. */
export function guaranteeProvision(w: World): number {
  const g = w.programmes.guaranteeFund;
  return g.issued > 0 ? (g.callsTotal * g.guaranteed) / g.issued : 0;
}
