import { SITE_INIT, SITE_VC_INIT } from "./draws.js";
import { FLAG_TAXPAYER, KIND_LEAD, KIND_SME } from "./firms.js";
import { openBank, openUniversity, openVcFund } from "./institutions.js";
import { guaranteeFundCapital } from "./instruments/loanGuarantee.js";
import {
  BRIDGE_FUND,
  EXTERNAL,
  firmEquityIn,
  GOVERNMENT,
  GUARANTEE_FUND,
  REVOLVING_FUND,
  transfer,
} from "./ledger.js";
import { firmRdPropensity, firmRdSetup } from "./phases/founding.js";
import { materialsCost, productionWorkers, unitRevenue } from "./phases/production.js";
import type { World } from "./world.js";

/**
 * Initialisation (ODD §5): banks, universities and VC funds with their money; `firms` SMEs whose
 * market shares are lognormal (initialEmployeesMedian, initialSizeSd) within the SME segment and
 * `leadFirms` lead firms sharing leadFirmShare; sizes follow from demand (employees = sales /
 * ((1+μ)w)); owners pay in initialCashQuarters of costs; banks lend initialLeverage of capital;
 * the public funds of the switched-on instruments get their capital from the government.
 */
export function initialise(w: World): void {
  const p = w.p;
  const f = w.firms;
  const m = w.macro;
  const rng = w.rng;
  const n = p.firms;
  for (let b = 0; b < p.credit.banks; b++) openBank(w, (p.credit.bankEquityPerFirm * n) / p.credit.banks);
  for (let u = 0; u < p.universities.count; u++) openUniversity(w);
  m.demand = p.world.demandPerFirm * n;
  m.talentPool = p.universities.initialTalentPerFirm * n;
  m.initialTalentPool = m.talentPool;
  const leads = p.population.leadFirms;
  const smeSegment = leads > 0 ? 1 - p.market.leadFirmShare : 1;
  let weights = 0;
  for (let k = 0; k < n; k++) {
    const i = f.allocate(0);
    f.uid[i] = f.id[i];
    rng.at(f.uid[i], SITE_INIT);
    f.kind[i] = KIND_SME;
    f.share[i] = p.population.initialEmployeesMedian * Math.exp(p.population.initialSizeSd * rng.normal());
    weights += f.share[i];
    f.potential[i] = p.rnd.potentialSd * rng.normal();
    f.expPotential[i] = Math.exp(f.potential[i]);
    f.rdPropensity[i] = firmRdPropensity(w, p.rnd.rdPropensity);
    f.awareness[i] = rng.uniform();
    f.bank[i] = rng.int(p.credit.banks);
    f.rdSetup[i] = firmRdSetup(w, f.uid[i]);
  }
  for (let k = 0; k < leads; k++) {
    const i = f.allocate(0);
    f.uid[i] = f.id[i];
    rng.at(f.uid[i], SITE_INIT);
    f.kind[i] = KIND_LEAD;
    f.share[i] = p.market.leadFirmShare / leads;
    f.rdPropensity[i] = firmRdPropensity(w, p.rnd.leadRdPropensity);
    f.awareness[i] = rng.uniform();
    f.bank[i] = rng.int(p.credit.banks);
    f.rdSetup[i] = firmRdSetup(w, f.uid[i]);
    w.leads.push(i);
  }
  const perWorker = unitRevenue(m.wage, p.market.markup, p.world.materialsShare);
  for (let i = 0; i < f.hi; i++) {
    if (f.kind[i] === KIND_SME) {
      f.niche[i] = weights > 0 ? (f.share[i] * n) / weights : 1;
      f.share[i] *= weights > 0 ? smeSegment / weights : 0;
    } else f.niche[i] = 1;
    const sales = f.share[i] * m.demand;
    const workers = productionWorkers(sales, perWorker);
    f.sales[i] = sales;
    f.productionCost[i] = workers * m.wage + materialsCost(workers * m.wage, p.world.materialsShare);
    f.rdPlan[i] = f.rdPropensity[i] * sales;
    const rdStaff = f.rdPlan[i] / m.rdWage;
    if (rdStaff >= f.rdSetup[i]) {
      f.performer[i] = 1;
      f.rdStaff[i] = rdStaff;
      f.rdSpend[i] = f.rdPlan[i];
    }
    f.employees[i] = workers + f.rdStaff[i];
    f.capital[i] = p.population.capitalPerWorker * workers;
    f.netWorth[i] += f.capital[i];
    firmEquityIn(
      w.ledger,
      i,
      EXTERNAL,
      p.population.initialCashQuarters * (f.productionCost[i] + f.rdSpend[i]),
    );
    const loan = p.credit.initialLeverage * f.capital[i];
    if (loan > 0) {
      const bank = w.banks[f.bank[i]];
      transfer(w.ledger, bank.account, -1 - i, loan);
      f.debt[i] = loan;
      bank.loans += loan;
    }
    f.loanRate[i] = p.world.interestRate + p.credit.baseSpread + 1.5 * p.credit.spreadStep;
    f.flags[i] |= FLAG_TAXPAYER;
  }
  // the parameters in force (w.p) have every instrument off when the policy starts later
  if (w.p === w.policyP) capitaliseFunds(w);
  rng.tick = 0;
  rng.at(0, SITE_VC_INIT);
  for (let k = 0; k < p.vc.privateFunds; k++)
    openVcFund(w, false, p.vc.fundSize, 0, -rng.int(p.vc.investmentQuarters));
  m.smes = n;
  m.initialMoney = w.ledger.totalMoney();
}

/** The public funds of the switched-on instruments get their capital from the government. */
export function capitaliseFunds(w: World): void {
  const p = w.p;
  const ins = p.instruments;
  if (ins.loanGuarantee.enabled) transfer(w.ledger, GOVERNMENT, GUARANTEE_FUND, guaranteeFundCapital(p));
  if (ins.revolvingFund.enabled)
    transfer(w.ledger, GOVERNMENT, REVOLVING_FUND, ins.revolvingFund.capitalPerSme * p.firms);
  if (ins.bridgeFinancing.enabled)
    transfer(w.ledger, GOVERNMENT, BRIDGE_FUND, ins.bridgeFinancing.capitalPerSme * p.firms);
}
