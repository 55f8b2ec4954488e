import { doubleFields } from "./doubleFields.js";
import { EXTERNAL, GOVERNMENT, transfer } from "./ledger.js";
import type { Bank, University, VcFund, World } from "./world.js";

/** Creation of the few non-firm agents (ODD §2.2): banks, universities, VC funds. */

/** A commercial bank with its owners' equity paid in by the external sector. */
export function openBank(w: World, equity: number): Bank {
  const bank: Bank = {
    account: w.ledger.open(),
    loans: 0,
    badDebt: 0,
    lossThisTick: 0,
    initialEquity: equity,
  };
  doubleFields(bank, "loans", "badDebt", "lossThisTick", "initialEquity");
  transfer(w.ledger, EXTERNAL, bank.account, equity);
  w.banks.push(bank);
  return bank;
}

/** A university or research institute with a year of research as its initial knowledge. */
export function openUniversity(w: World): University {
  const u: University = { account: w.ledger.open(), knowledge: 4 * w.p.universities.researchBudget };
  doubleFields(u, "knowledge");
  w.universities.push(u);
  return u;
}

/**
 * A VC fund (ODD §7.6): private limited partners (the external sector) pay in `privateMoney`,
 * the guidance fund (the government) `publicMoney`; the fund invests for investmentQuarters and
 * lives fundLifeQuarters from `start`.
 */
export function openVcFund(
  w: World,
  guidance: boolean,
  privateMoney: number,
  publicMoney: number,
  start: number,
): VcFund {
  const v = w.p.vc;
  const fund: VcFund = {
    account: w.ledger.open(),
    guidance,
    start,
    investUntil: start + v.investmentQuarters,
    end: start + v.fundLifeQuarters,
    privateShare: privateMoney + publicMoney > 0 ? privateMoney / (privateMoney + publicMoney) : 1,
    active: true,
    invested: 0,
    score: 0,
  };
  doubleFields(fund, "privateShare", "invested");
  if (privateMoney > 0) transfer(w.ledger, EXTERNAL, fund.account, privateMoney);
  if (publicMoney > 0) transfer(w.ledger, GOVERNMENT, fund.account, publicMoney);
  w.vcFunds.push(fund);
  return fund;
}
