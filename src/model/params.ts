import type { z } from "zod";
import { bridgeFinancingParams } from "./instruments/schema/bridgeFinancing.js";
import { certificationParams } from "./instruments/schema/certification.js";
import { cooperativeResearchParams } from "./instruments/schema/cooperativeResearch.js";
import { grantsParams } from "./instruments/schema/grants.js";
import { guidanceFundParams } from "./instruments/schema/guidanceFund.js";
import { innovationInvestmentCreditParams } from "./instruments/schema/innovationInvestmentCredit.js";
import { ipProtectionParams } from "./instruments/schema/ipProtection.js";
import { latePaymentCapParams } from "./instruments/schema/latePaymentCap.js";
import { loanGuaranteeParams } from "./instruments/schema/loanGuarantee.js";
import { openChallengesParams } from "./instruments/schema/openChallenges.js";
import { policyBankParams } from "./instruments/schema/policyBank.js";
import { procurementQuotaParams } from "./instruments/schema/procurementQuota.js";
import { rdProjectSubsidyParams } from "./instruments/schema/rdProjectSubsidy.js";
import { rdWageSubsidyParams } from "./instruments/schema/rdWageSubsidy.js";
import { regulatoryReliefParams } from "./instruments/schema/regulatoryRelief.js";
import { revolvingFundParams } from "./instruments/schema/revolvingFund.js";
import { serviceCentresParams } from "./instruments/schema/serviceCentres.js";
import { talentRetentionParams } from "./instruments/schema/talentRetention.js";
import { taxCreditParams } from "./instruments/schema/taxCredit.js";
import { vcExitPolicyParams } from "./instruments/schema/vcExitPolicy.js";
import { int, num, section } from "./param.js";

/**
 * Every parameter of the model. Money is in M (millions of a currency unit), time in quarters.
 * Scenario files set any subset; everything else takes these defaults. The baseline is this
 * schema's defaults: every instrument off.
 */

const world = section(
  {
    demandPerFirm: num(0.32, 0.001, 1e3, {
      description:
        "Initial demand (private and public) per initial SME; sets the scale of the economy and, with the wage and mark-up, firm sizes.",
      unit: "M per quarter",
      source: "calibrated (ODD §7.1): gives a median initial SME of ≈ 8 employees",
    }),
    demandGrowth: num(0.0025, -0.05, 0.1, {
      description: "Real growth of private demand.",
      unit: "per quarter",
      source: "about 2% a year (long-run OECD growth)",
    }),
    wage: num(0.0018, 0.0001, 10, {
      description: "Initial wage of a production worker.",
      unit: "M per worker-quarter",
      source:
        "calibrated (ODD §7.1, §7.3): labour is (1 − materialsShare)/(1 + markup) ≈ 12.5% of sales, the mean SME (≈ 13 employees) selling ≈ 0.19 M a quarter",
    }),
    materialsShare: num(0.85, 0, 0.95, {
      description:
        "σ: intermediate inputs (materials, energy, bought-in services) as a share of unit variable cost; unit cost = w/(A·(1 − σ)), price = (1 + markup)·unit cost.",
      unit: "share of variable cost",
      source:
        "OECD STAN / input–output tables, manufacturing: σ = intermediates/(intermediates + labour) ≈ 0.75 (Germany) – 0.81 (US, Japan), ≈ 0.87–0.9 (Korea, China); midpoint of the digest's economies (ODD §7.3; docs/calibration.md)",
    }),
    wageProductivityPassThrough: num(1, 0, 1.5, {
      description: "Elasticity of the wage to mean productivity (K+S wage rule).",
      unit: "1",
      source: "Dosi et al. 2010",
    }),
    rdWagePremium: num(0.5, 0, 5, {
      description: "Premium of an R&D worker's wage over a production worker's.",
      unit: "share",
      source: "calibrated (ODD §7.1)",
    }),
    interestRate: num(0.01, 0, 0.1, {
      description: "Risk-free (central bank) rate.",
      unit: "per quarter",
      source: "Dosi et al. 2010 (r = 0.01)",
    }),
    profitTaxRate: num(0.25, 0, 0.9, {
      description: "Tax rate on positive profits.",
      unit: "share of profit",
      source: "statutory corporate income tax (China 25%)",
    }),
    complianceCost: num(0.004, 0, 10, {
      description: "Fixed regulatory compliance cost of an SME.",
      unit: "M per firm-quarter",
      source: "digest frictions (regulatory burden); calibrated (ODD §7.1)",
    }),
    publicPurchaseShare: num(0.1, 0, 0.9, {
      description: "Public purchases as a share of market demand.",
      unit: "share",
      source: "OECD: public procurement ≈ 12% of GDP",
    }),
    publicSmeAccess: num(0.15, 0, 1, {
      description:
        "Weight of an SME's market share in public tenders relative to a lead firm's (tendering costs, size requirements).",
      unit: "1",
      source:
        "calibrated (ODD §7.2): SMEs win ≈ 15–20% of public purchases without a quota (digest 000 §2.3)",
    }),
  },
  "The macro environment: demand, wages, rates, taxes.",
);

const market = section(
  {
    replicatorSpeed: num(1, 0, 10, {
      description: "χ: speed of the quasi-replicator market-share dynamics.",
      unit: "1",
      source: "Dosi et al. 2010 (χ = 1)",
    }),
    priceWeight: num(1, 0, 10, {
      description: "ω1: weight of (log) price in competitiveness.",
      unit: "1",
      source: "Dosi et al. 2010 (ω1 = 1)",
    }),
    qualityWeight: num(1, 0, 10, {
      description: "ω2: weight of (log) quality in competitiveness.",
      unit: "1",
      source: "Dosi et al. 2010 (ω2 = 1), quality in place of unfilled demand",
    }),
    markup: num(0.2, 0, 3, {
      description: "Mark-up over unit labour cost.",
      unit: "share",
      source:
        "Dosi et al. 2010 (mark-up rule); 0.2 for SME net margins of ~5% (digest 004 §2.2.1; see docs/calibration.md)",
    }),
    nicheSaturation: num(0.1, 0, 5, {
      description:
        "κ: fall in competitiveness per unit of log share above the firm's niche (saturating niche demand); bounds the replicator's runaway.",
      unit: "1",
      source:
        "calibrated (ODD §7.2); digest 004 §2.2.1 (niche markets: little giants hold 10–30% of their niche)",
    }),
    demandShockSd: num(0.05, 0, 1, {
      description: "S.d. of idiosyncratic (log) demand shocks to each firm's share.",
      unit: "1",
      source: "calibrated to growth-rate dispersion (ODD §7.2)",
    }),
    nicheShockSd: num(0.15, 0, 1, {
      description:
        "S.d. of the permanent (Laplace) shock to an SME's niche each quarter: its market grows or shrinks for good (Gibrat random walk of the niche).",
      unit: "1",
      source:
        "calibrated (ODD §7.2; docs/calibration.md): yearly s.d. of log growth ≈ 0.4 for small firms; Laplace shape after Bottazzi & Secchi (2006)",
    }),
    nicheShockRate: num(0.25, 0.01, 1, {
      description:
        "Probability per quarter that an SME's niche is hit by a shock (lumpy opportunities); each hit has s.d. nicheShockSd/√rate, so the quarterly variance is nicheShockSd².",
      unit: "per quarter",
      source:
        "Bottazzi & Secchi (2006): lumpy arrival of opportunities gives tent-shaped growth rates; calibrated (docs/calibration.md) to Subbotin b ≈ 1",
    }),
    nicheReversion: num(0.007, 1e-4, 1, {
      description:
        "δ: each quarter a niche keeps 1 − δ of itself and gains δ (the mean niche) of new demand, n' = (1 − δ)·n·shock + δ (Kesten process: stationary, Pareto tail α ≈ 1 + 2δ/σ²).",
      unit: "per quarter",
      source:
        "Kesten (1973); MODEL_REFERENCES §2.5; calibrated (ODD §7.2; docs/calibration.md) to α ≈ 1 (Axtell 2001); bounds: δ ≥ 1e-4 keeps every niche ≥ δ (at δ = 0 a niche under large shocks falls below the smallest float32 while its firm still sells, and the firm's competitiveness, and every share, turns NaN)",
    }),
    minRelativeShare: num(0.02, 0, 1, {
      description: "Exit when a firm's share falls below this fraction of the mean SME share.",
      unit: "share of mean share",
      source: "Dosi et al. 2010 (f_min), made relative to the number of firms",
    }),
    leadFirmShare: num(0.4, 0, 0.95, {
      description: "Initial combined market share of the lead firms.",
      unit: "share",
      source: "digest 000 §4 (SMEs: 73.48% of industrial output), calibrated",
    }),
    b2bShare: num(0.3, 0, 1, {
      description: "Share of SME sales that go to lead firms as suppliers.",
      unit: "share of sales",
      source: "calibrated (ODD §7.2); digest 003 §2(3)",
    }),
    paymentDays: num(90, 0, 365, {
      description: "Days lead firms take to pay their SME suppliers.",
      unit: "days",
      source: "digest 003 §2(3) (late payment); JRC 2022 (up to 120 days)",
    }),
  },
  "The product market: competitiveness, market shares, payments.",
);

const population = section(
  {
    initialEmployeesMedian: num(8, 1, 1e4, {
      description: "Median employees of an initial SME (lognormal).",
      unit: "employees",
      source: "calibrated (ODD §7.3)",
    }),
    initialSizeSd: num(1, 0, 4, {
      description: "S.d. of log employees of initial SMEs.",
      unit: "1",
      source: "calibrated (ODD §7.3)",
    }),
    capitalPerWorker: num(0.03, 0, 10, {
      description: "Tangible capital (collateral) per worker.",
      unit: "M per worker",
      source: "calibrated (ODD §7.3)",
    }),
    depreciation: num(0.025, 0, 0.5, {
      description: "Depreciation of tangible capital.",
      unit: "per quarter",
      source: "Nelson & Winter 1982 (δ = 0.03)",
    }),
    initialCashQuarters: num(1, 0, 20, {
      description: "Initial cash in quarters of wage bill.",
      unit: "quarters",
      source: "calibrated (ODD §7.3)",
    }),
    entryRate: num(0, 0, 0.5, {
      description: "Base rate of start-up entry per existing SME.",
      unit: "per quarter",
      source: "Nelson–Winter entry (Taymaz: nExo); US BDS entry ≈ 8–10% a year",
    }),
    entryProfitSensitivity: num(0.0015, 0, 50, {
      description:
        "Rise of the quarterly entry rate per unit of the mean SME operating surplus (sales − production wages − materials − fixed cost, in production wages).",
      unit: "1",
      source:
        "Nelson–Winter entry (Taymaz: nPro = 2.5 per unit of profit on capital), rescaled to the operating surplus in production wages (ODD §7.3; docs/calibration.md)",
    }),
    techStartupShare: num(0.3, 0, 1, {
      description: "Share of start-ups founded with an R&D team (technology start-ups); all spin-offs are.",
      unit: "share",
      source: "EU CIS: about a third of new firms innovate; calibrated (ODD §7.3)",
    }),
    payoutRatio: num(0.5, 0, 1, {
      description:
        "Share of after-tax profit paid out when the firm holds more than a quarter of its costs in cash.",
      unit: "share of profit",
      source: "calibrated (ODD §7.8)",
    }),
    startupEmployees: num(3.5, 1, 100, {
      description: "Median employees of a start-up.",
      unit: "employees",
      source: "US BDS: mean start-up size ≈ 6",
    }),
    startupCash: num(0.1, 0, 100, {
      description: "Founders' own money put into a start-up.",
      unit: "M",
      source: "calibrated (ODD §7.3)",
    }),
    cashShortfallQuarters: int(2, 1, 20, {
      description: "Consecutive quarters of unbridged cash shortfall after which a firm exits.",
      unit: "quarters",
      source: "design choice (digest frictions: cash shortfall)",
    }),
    leadFirms: int(10, 0, 1000, {
      description: "Number of large lead firms.",
      unit: "firms",
      source: "digest 003 §3(2) (Beijing: 20 lead firms)",
    }),
    smeMaxEmployees: int(500, 10, 1e6, {
      description: "An SME has at most this many employees (else it counts as large).",
      unit: "employees",
      source: "US SBA size standard; EU uses 250",
    }),
  },
  "Firm population, entry and exit.",
);

const rnd = section(
  {
    rdPropensity: num(0.05, 0, 1, {
      description: "ν: desired R&D spending as a share of past sales among R&D performers.",
      unit: "share of sales",
      source: "Dosi et al. 2010 (ν = 0.04); digest 004 §2.2.2 (little giants 6.3%)",
    }),
    rdPropensitySd: num(0.7, 0, 3, {
      description: "S.d. of the log of the firm-specific R&D propensity.",
      unit: "1",
      source:
        "calibrated (ODD §7.4; docs/calibration.md): intensity among performers varies less than participation (Cohen, Levin & Mowery 1987)",
    }),
    rdAdjustment: num(0.1, 0, 1, {
      description: "Share of the gap to desired R&D closed each quarter (short-run elasticity ≈ 0.1).",
      unit: "per quarter",
      source: "Bloom, Griffith & Van Reenen 2002 (short-run −0.1, long-run −1)",
    }),
    userCostElasticity: num(1, 0, 5, {
      description: "Long-run elasticity of desired R&D to its user cost.",
      unit: "1",
      source: "Bloom, Griffith & Van Reenen 2002 (≈ 1)",
    }),
    setupStaff: num(2.67, 0, 100, {
      description: "Minimum R&D team (a fixed cost) for a firm to perform R&D.",
      unit: "R&D workers",
      source: "Cohen & Klepper 1996 (fixed cost of R&D); calibrated (ODD §7.4; docs/calibration.md)",
    }),
    setupStaffDispersion: num(1.5, 0, 5, {
      description:
        "Scale s of the firm-specific minimum R&D team: ln c_i = ln setupStaff + s·ln(u/(1−u)), u uniform (logistic; median setupStaff). Participation is then a logit in ln sales with slope ≈ 1/s.",
      unit: "1",
      source:
        "Cohen & Klepper 1996 (fixed costs and technological opportunity differ across firms); Arqué-Castells & Mohnen 2015 (firm-specific R&D entry costs); calibrated to the CIS participation slope ≈ 0.5–1 (ODD §7.4)",
    }),
    innovationShare: num(0.5, 0, 1, {
      description: "ξ: share of R&D spent on innovation; the rest on imitation.",
      unit: "share",
      source: "Dosi et al. 2010 (ξ = 0.5)",
    }),
    zetaInnovation: num(0.045, 0, 10, {
      description: "ζ1: innovation search productivity per R&D worker.",
      unit: "per R&D worker",
      source:
        "Dosi et al. 2010 (ζ1 = 0.3 per normalised R&D worker), rescaled to R&D workers at the gross-output wage (ODD §7.4; docs/calibration.md)",
    }),
    zetaImitation: num(0.045, 0, 10, {
      description: "ζ2: imitation search productivity per R&D worker.",
      unit: "per R&D worker",
      source:
        "Dosi et al. 2010 (ζ2 = 0.3 per normalised R&D worker), rescaled to R&D workers at the gross-output wage (ODD §7.4; docs/calibration.md)",
    }),
    betaAlpha: num(3, 0.1, 50, {
      description: "α1 of the Beta distribution of innovation draws.",
      unit: "1",
      source: "Dosi et al. 2010 (α1 = 3)",
    }),
    betaBeta: num(3, 0.1, 50, {
      description: "β1 of the Beta distribution of innovation draws.",
      unit: "1",
      source: "Dosi et al. 2010 (β1 = 3)",
    }),
    jumpMin: num(-0.15, -1, 0, {
      description: "Lower bound of a productivity/quality jump.",
      unit: "share",
      source: "Dosi et al. 2010 (x ∈ [−0.15, 0.15])",
    }),
    jumpMax: num(0.15, 0, 2, {
      description: "Upper bound of a productivity/quality jump.",
      unit: "share",
      source: "Dosi et al. 2010",
    }),
    imitationCandidates: int(5, 1, 100, {
      description: "Firms an imitator samples; it copies the closest one that is ahead.",
      unit: "firms",
      source: "Dosi et al. 2010 (distance-weighted imitation), sampled to stay O(N)",
    }),
    ipStrength: num(0.3, 0, 1, {
      description: "Probability that a patent blocks an imitation attempt.",
      unit: "probability",
      source: "digest frictions (weak IP protection); calibrated",
    }),
    patentPropensity: num(0.5, 0, 1, {
      description: "Share of innovations that are patented.",
      unit: "share",
      source: "Arundel & Kabla 1998 (≈ 35–50% of product innovations)",
    }),
    knowledgeDepreciation: num(0.04, 0, 1, {
      description: "Depreciation of the R&D knowledge stock (intangible asset).",
      unit: "per quarter",
      source: "Hall 2005 (15% a year)",
    }),
    diffusionRate: num(0.2, 0, 1, {
      description:
        "Share of its log gap to the mean productivity (and quality) a lagging firm closes each quarter through embodied technology (new machines, suppliers).",
      unit: "per quarter",
      source:
        "K+S: consumer-good firms get technology embodied in machines (Dosi et al. 2010); calibrated (ODD §7.4)",
    }),
    leadRdPropensity: num(0.08, 0, 1, {
      description: "ν of lead firms: desired R&D as a share of past sales.",
      unit: "share of sales",
      source: "digest 000 §3.2 (large firms: 4–10% of sales)",
    }),
    rdStopShare: num(0.8, 0, 1, {
      description:
        "A performer stops R&D only when its desired team falls below this share of the minimum team (persistence).",
      unit: "share of setupStaff",
      source:
        "calibrated (ODD §7.4; docs/calibration.md) to the yearly persistence of R&D ≈ 0.85–0.9 (Peters 2009; Máñez et al. 2009)",
    }),
    effortSaturation: num(20, 0.1, 1000, {
      description: "Effective R&D effort saturates at this many R&D workers: e/(1 + e/saturation).",
      unit: "R&D workers",
      source:
        "calibrated (ODD §7.4; docs/calibration.md): keeps innovation odds near size-independent (Gibrat)",
    }),
    potentialSd: num(0.5, 0, 3, {
      description:
        "S.d. of a firm's true log search productivity (its potential; what VCs and agencies try to see).",
      unit: "1",
      source: "calibrated (ODD §7.4)",
    }),
    adoptionCost: num(0.02, 0, 1, {
      description: "Investment needed to adopt a process innovation, as a share of tangible capital.",
      unit: "share of capital",
      source: "Dosi et al. 2010 (embodied technical change), calibrated (ODD §7.4)",
    }),
    paybackQuarters: num(12, 1, 80, {
      description: "Payback period a firm demands of an adoption investment.",
      unit: "quarters",
      source: "Dosi et al. 2010 (b = 3 years)",
    }),
    adoptionUserCostElasticity: num(1.6, 0, 5, {
      description:
        "Elasticity of an adopter's investment in new equipment to its after-credit price: I = adoptionCost·K·(1 − credit)^(−ε).",
      unit: "1",
      source:
        "Zwick & Mahon 2017 (equipment investment vs its net-of-tax price ≈ 1.6; small firms respond 95% more than large); Hassett & Hubbard 2002",
    }),
    patentLifeQuarters: num(80, 1, 200, {
      description: "Mean life of a patent in force (the patent stock decays at 1/life).",
      unit: "quarters",
      source: "20-year patent term (TRIPS)",
    }),
  },
  "R&D, innovation and imitation (K+S style).",
);

const credit = section(
  {
    banks: int(5, 1, 100, {
      description: "Number of commercial banks.",
      unit: "banks",
      source: "design choice",
    }),
    bankEquityPerFirm: num(0.1, 0, 100, {
      description: "Initial bank equity per initial SME.",
      unit: "M per firm",
      source: "calibrated (ODD §7.5)",
    }),
    capitalRatio: num(0.08, 0.01, 1, {
      description: "τ_b: minimum equity per unit of loans (Basel).",
      unit: "share",
      source: "Dosi et al. 2015 (finance K+S); Basel 8%",
    }),
    badDebtSensitivity: num(1, 0, 20, {
      description: "β_b: how much recent bad debt shrinks the bank's credit supply.",
      unit: "1",
      source: "Dosi et al. 2015",
    }),
    creditMultiplier: num(2, 0, 20, {
      description: "Λ: a firm's credit ceiling as a multiple of max(tangible net worth, sales − wages).",
      unit: "1",
      source: "Dosi et al. 2010 (Λ = 2)",
    }),
    intangibleHaircut: num(0.8, 0, 1, {
      description: "Share of intangible (knowledge) assets banks ignore when scoring.",
      unit: "share",
      source: "digest frictions (information asymmetry, intangible assets)",
    }),
    baseSpread: num(0.005, 0, 0.1, {
      description: "Loan spread over the risk-free rate for the best credit class.",
      unit: "per quarter",
      source: "Dosi et al. 2015 (4 classes by NW/sales)",
    }),
    spreadStep: num(0.004, 0, 0.1, {
      description: "Extra spread per worse credit class (quartile of NW/sales).",
      unit: "per quarter",
      source: "Dosi et al. 2015",
    }),
    recoveryRate: num(0.4, 0, 1, {
      description: "Share of tangible collateral recovered on default.",
      unit: "share",
      source: "Basel LGD ≈ 45–60% for SMEs",
    }),
    loanQuarters: int(12, 1, 80, {
      description: "Maturity of a bank loan (amortised in equal parts).",
      unit: "quarters",
      source: "design choice (3-year SME loans)",
    }),
    screeningRejection: num(0.5, 0, 1, {
      description: "Probability that a bank refuses a new loan to a firm in the worst credit class.",
      unit: "probability",
      source: "calibrated (ODD §7.5); Stiglitz & Weiss 1981 (rationing)",
    }),
    initialLeverage: num(0.5, 0, 5, {
      description: "Initial bank debt of a firm as a share of its tangible capital.",
      unit: "share of capital",
      source: "calibrated (ODD §7.3)",
    }),
  },
  "Commercial banks: scoring, rationing, pricing and defaults.",
);

const vc = section(
  {
    privateFunds: int(6, 0, 1000, {
      description: "Private VC funds at the start.",
      unit: "funds",
      source: "calibrated (ODD §7.6)",
    }),
    fundSize: num(40, 0, 1e5, {
      description: "Committed capital of a new private fund.",
      unit: "M",
      source: "calibrated (ODD §7.6)",
    }),
    fundLifeQuarters: int(40, 4, 200, {
      description: "Life of a fund.",
      unit: "quarters",
      source: "10-year VC fund life (Gompers & Lerner 1999)",
    }),
    investmentQuarters: int(20, 1, 200, {
      description: "Investment period: new deals only this long after the fund's start.",
      unit: "quarters",
      source: "5-year investment period (Gompers & Lerner 1999)",
    }),
    newFundsPerYear: num(1, 0, 100, {
      description: "New private funds raised a year at the reference after-tax return.",
      unit: "funds per year",
      source: "calibrated (ODD §7.6)",
    }),
    commitmentElasticity: num(1.5, 0, 10, {
      description: "Elasticity of new private commitments to the after-tax exit return.",
      unit: "1",
      source: "Gompers & Lerner 1998 (capital-gains tax and VC commitments); digest 000 §3.1",
    }),
    capitalGainsTaxRate: num(0.4, 0, 0.9, {
      description: "Tax rate on VC exit gains.",
      unit: "share of gains",
      source: "digest 000 §3.1 (US pre-1978 49%)",
    }),
    exitMarketOpenness: num(0.3, 0, 1, {
      description: "Probability that an IPO-ready firm finds an open IPO window in a quarter.",
      unit: "probability per quarter",
      source: "digest frictions (thin exit markets)",
    }),
    screeningNoise: num(0.6, 0, 5, {
      description: "S.d. of the fund's noisy signal of a start-up's (log) potential.",
      unit: "1",
      source: "digest frictions (information asymmetry)",
    }),
    grantSignal: num(0.3, 0, 2, {
      description: "Reduction of screening noise for a firm that won a public grant (certification effect).",
      unit: "1",
      source: "Lerner 1999; Howell 2017 (SBIR awards as a signal)",
    }),
    dealThreshold: num(0.5, -5, 5, {
      description: "Minimum signal (log potential above the mean) for a deal.",
      unit: "1",
      source: "calibrated (ODD §7.6)",
    }),
    seedRound: num(0.3, 0, 1e3, {
      description: "Seed round size.",
      unit: "M",
      source: "calibrated (ODD §7.6)",
    }),
    roundGrowth: num(3, 1, 20, {
      description: "Each follow-on round is this multiple of the previous one.",
      unit: "1",
      source: "typical step-up seed → A → B",
    }),
    maxRounds: int(4, 1, 10, {
      description: "Rounds per firm at most.",
      unit: "rounds",
      source: "design choice",
    }),
    roundIntervalQuarters: int(6, 1, 40, {
      description: "Quarters between planned rounds.",
      unit: "quarters",
      source: "typical 18 months between rounds",
    }),
    runwayQuarters: int(6, 0, 40, {
      description:
        "Runway of a VC round (0: no burn): a backed firm with a next round planned spends round/runwayQuarters a quarter on R&D staff on top of its own budget, a committed team paid even when cash runs out.",
      unit: "quarters",
      source:
        "= roundIntervalQuarters: staged financing funds the firm until the next refinancing (Gompers 1995, J. Finance 50(5): the duration of a round is the time to the next); docs/validation.md, Session 3 part 3",
    }),
    roundDelayProbability: num(0.4, 0, 1, {
      description: "Probability that a follow-on round arrives one or two quarters late (bridge gap).",
      unit: "probability",
      source: "digest 003 §2(1) (3–5 month gap between rounds)",
    }),
    ipoSalesThreshold: num(5, 0, 1e5, {
      description: "Quarterly sales a VC-backed firm needs for an IPO.",
      unit: "M per quarter",
      source: "calibrated (ODD §7.6)",
    }),
    valuationMultiple: num(3, 0, 100, {
      description: "Exit value as a multiple of annual sales.",
      unit: "1",
      source: "typical EV/sales of tech SMEs",
    }),
    acquisitionRate: num(0.02, 0, 1, {
      description: "Quarterly probability that a lead firm buys an innovating VC-backed firm.",
      unit: "probability per quarter",
      source: "calibrated (ODD §7.6); digest 003 §2(1) (strategic deals +257%)",
    }),
    dealFlowPerFund: int(10, 0, 1000, {
      description: "Firms a fund screens per quarter (sampled at random; only young R&D SMEs qualify).",
      unit: "firms per fund-quarter",
      source: "calibrated (ODD §7.6)",
    }),
    youngAgeQuarters: int(20, 1, 200, {
      description: "Age below which a firm is in the VC deal flow.",
      unit: "quarters",
      source: "design choice (start-ups: younger than 5 years)",
    }),
    dilutionPerRound: num(0.2, 0, 0.9, {
      description: "Share of the firm a fund buys in each round; its stake is 1 − Π(1 − dilution).",
      unit: "share",
      source: "typical 20% dilution per round",
    }),
  },
  "Venture capital: funds, screening, rounds and exits.",
);

const universities = section(
  {
    count: int(3, 0, 1000, {
      description: "Universities and research institutes.",
      unit: "institutions",
      source: "design choice",
    }),
    researchBudget: num(2, 0, 1e4, {
      description: "Public research funding per institution (baseline spending, not an instrument).",
      unit: "M per quarter",
      source: "digest 000 §2.2 (government share of national R&D)",
    }),
    inventionsPerM: num(0.5, 0, 100, {
      description: "Inventions per M of research funding.",
      unit: "inventions per M",
      source: "AUTM: about 1 invention disclosure per $2–3M of research",
    }),
    techTransferRate: num(0.2, 0, 1, {
      description: "Share of inventions licensed to firms.",
      unit: "share",
      source: "digest 004 §3.1 (China ≤ 30%, developed countries 60–70%)",
    }),
    spinoffShare: num(0.05, 0, 1, {
      description: "Share of inventions that become a spin-off start-up.",
      unit: "share",
      source: "AUTM: ~1 start-up per 20 disclosures",
    }),
    licenceFee: num(0.05, 0, 100, {
      description: "Fee a firm pays for a licence.",
      unit: "M",
      source: "calibrated (ODD §7.7)",
    }),
    collaborationRate: num(0.012, 0, 1, {
      description: "Quarterly probability that an R&D-performing SME starts a joint project (unsubsidised).",
      unit: "probability per quarter",
      source:
        "calibrated (ODD §7.7; docs/calibration.md) to the EU CIS: ≈ 10% of innovation-active firms cooperate with universities",
    }),
    collaborationBoost: num(0.5, 0, 10, {
      description: "Rise in effective R&D effort during a joint project.",
      unit: "share",
      source: "calibrated (ODD §7.7)",
    }),
    projectShare: num(0.25, 0, 1, {
      description:
        "Share of a collaborating firm's financed R&D budget that its university joint project takes while it runs (extramural R&D performed by the university).",
      unit: "share of the firm's R&D budget",
      source: "design choice (ODD §7.7; docs/calibration.md): a project scales with the firm's R&D",
    }),
    collaborationQuarters: int(4, 1, 40, {
      description: "Length of a joint project.",
      unit: "quarters",
      source: "design choice",
    }),
    graduatesPerFirm: num(0.4, 0, 1000, {
      description:
        "Skilled graduates entering the regional talent pool each quarter, per initial SME (the region's graduate supply scales with its economy, so outcomes do not depend on the simulated number of firms).",
      unit: "people per quarter per initial SME",
      source:
        "calibrated (ODD §7.7; docs/calibration.md): 3 institutions × 400 a quarter in the 3000-SME validation economy",
    }),
    talentOutflowRate: num(0.03, 0, 1, {
      description: "Share of the unemployed talent pool that leaves the region each quarter.",
      unit: "per quarter",
      source: "digest 001 §3.1 (Liaoning loses talent)",
    }),
    initialTalentPerFirm: num(6.67, 0, 100, {
      description: "Initial skilled people available for R&D per initial SME.",
      unit: "people per firm",
      source: "calibrated (ODD §7.7; docs/calibration.md)",
    }),
    spilloverStrength: num(0.2, 0, 5, {
      description:
        "Rise in firms' effective R&D effort when university knowledge is at its steady state (half at one year of budget).",
      unit: "share",
      source: "calibrated (ODD §7.7); Jaffe 1989 (academic spillovers)",
    }),
  },
  "Universities and research institutes: knowledge, talent, transfer, spin-offs.",
);

const government = section(
  {
    awareness: num(0.5, 0, 1, {
      description: "Probability that an eligible firm applies for an instrument (information friction).",
      unit: "probability",
      source: "digest frictions; OECD evidence of low take-up by SMEs",
    }),
    paymentLagQuarters: int(1, 0, 12, {
      description: "Quarters between a firm's subsidised spending and the subsidy's payment.",
      unit: "quarters",
      source: "digest frictions (slow, after-the-fact payments)",
    }),
    sizeBias: num(0, 0, 5, {
      description:
        "Weight of firm size in competitive selection (hidden thresholds favouring large applicants).",
      unit: "1",
      source: "digest frictions (hidden eligibility thresholds)",
    }),
    policyStartQuarter: int(0, 0, 4000, {
      description:
        "Quarter from which the switched-on instruments act (and their funds are capitalised); before it the run is the baseline.",
      unit: "quarters",
      source: "design: evaluation starts after a burn-in",
    }),
  },
  "Government: frictions in how instruments reach firms, and when the policy starts.",
);

const instruments = section(
  {
    grants: grantsParams,
    rdProjectSubsidy: rdProjectSubsidyParams,
    taxCredit: taxCreditParams,
    rdWageSubsidy: rdWageSubsidyParams,
    innovationInvestmentCredit: innovationInvestmentCreditParams,
    revolvingFund: revolvingFundParams,
    loanGuarantee: loanGuaranteeParams,
    policyBank: policyBankParams,
    procurementQuota: procurementQuotaParams,
    guidanceFund: guidanceFundParams,
    vcExitPolicy: vcExitPolicyParams,
    cooperativeResearch: cooperativeResearchParams,
    serviceCentres: serviceCentresParams,
    ipProtection: ipProtectionParams,
    latePaymentCap: latePaymentCapParams,
    openChallenges: openChallengesParams,
    bridgeFinancing: bridgeFinancingParams,
    talentRetention: talentRetentionParams,
    regulatoryRelief: regulatoryReliefParams,
    certification: certificationParams,
  },
  "The public instruments; every one is off in the baseline.",
);

/** The model's whole parameter set. `simulate` takes the parsed (defaulted) value. */
export const ModelParamsSchema = section(
  {
    ticks: int(80, 1, 4000, {
      description: "Length of the run.",
      unit: "quarters",
      source: "design: a tick is a quarter; 20 years by default",
    }),
    firms: int(2000, 1, 5_000_000, {
      description: "Initial SMEs (lead firms come on top).",
      unit: "firms",
      source: "design choice",
    }),
    world,
    market,
    population,
    rnd,
    credit,
    vc,
    universities,
    government,
    instruments,
  },
  "All model parameters.",
);

export type ModelParams = z.output<typeof ModelParamsSchema>;
export type ModelParamsInput = z.input<typeof ModelParamsSchema>;
/** Instruments by name (the block's `source` citation is not an instrument). */
export type InstrumentName = Exclude<keyof ModelParams["instruments"], "source">;
export const INSTRUMENT_NAMES = Object.keys(instruments.unwrap().shape).filter(
  (k) => k !== "source",
) as InstrumentName[];

/** The parameters with every default: the baseline. */
export function defaultParams(): ModelParams {
  return ModelParamsSchema.parse({});
}
