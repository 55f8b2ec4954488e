/**
 * Every empirical target `ecosim validate` checks the model against: the band the literature
 * gives, its unit and its source. This is the one place where the bands live; docs/validation.md
 * explains each one and how the simulated value is measured.
 */
export interface ValidationTarget {
  id: string;
  name: string;
  /** Inclusive band [lo, hi] the simulated value (mean over replications) must fall in. */
  band: [number, number];
  unit: string;
  source: string;
  /** How the simulated value is measured (one line; details in docs/validation.md). */
  measure: string;
}

export const STYLIZED_TARGETS: readonly ValidationTarget[] = [
  {
    id: "size.paretoAlpha",
    name: "Firm size: Pareto exponent of the upper tail (employees)",
    band: [0.8, 1.3],
    unit: "CCDF exponent α",
    source: "Axtell (2001), Science 293:1818 (US firms: α = 1.059 ± 0.054); Zipf's law",
    measure:
      "MLE (Hill) above x_min chosen by KS minimisation (Clauset, Shalizi & Newman 2009), firms alive at the end",
  },
  {
    id: "growth.subbotinB",
    name: "Growth rates: Subbotin shape b of yearly log size changes (tent-shaped, not Gaussian)",
    band: [0.7, 1.4],
    unit: "shape b (1 Laplace, 2 Gaussian)",
    source:
      "Bottazzi & Secchi (2003), Economics Letters 80:415, and (2006) Industrial and Corporate Change 15:847; Amaral et al. (1997), J. Phys. I France 7:621",
    measure:
      "MLE of the exponential power density on ln(employees_T / employees_T−4) of surviving firms, demeaned",
  },
  {
    id: "survival.year1",
    name: "Start-up survival: share of an entry cohort alive after 1 year",
    band: [0.75, 0.85],
    unit: "share",
    source:
      "US Census Business Dynamics Statistics; BLS Business Employment Dynamics, establishment survival",
    measure: "Kaplan–Meier on start-ups entering after the burn-in (alive at the end and acquired: censored)",
  },
  {
    id: "survival.year2",
    name: "Start-up survival after 2 years",
    band: [0.6, 0.72],
    unit: "share",
    source: "US Census Business Dynamics Statistics; BLS Business Employment Dynamics",
    measure: "Kaplan–Meier, as survival.year1",
  },
  {
    id: "survival.year5",
    name: "Start-up survival after 5 years",
    band: [0.4, 0.55],
    unit: "share",
    source:
      "US Census Business Dynamics Statistics; BLS Business Employment Dynamics (about half after 5 years)",
    measure: "Kaplan–Meier, as survival.year1",
  },
  {
    id: "survival.year10",
    name: "Start-up survival after 10 years",
    band: [0.28, 0.4],
    unit: "share",
    source:
      "US Census Business Dynamics Statistics; BLS Business Employment Dynamics (about a third after 10 years)",
    measure: "Kaplan–Meier, as survival.year1",
  },
  {
    id: "turnover.entryRate",
    name: "Entry rate per year",
    band: [0.05, 0.15],
    unit: "start-ups per SME per year",
    source:
      "US Census BDS (firm entry rate ≈ 8–10% in the 2000s; Decker et al. 2014, J. Econ. Perspectives 28(3):3)",
    measure:
      "start-ups founded in a year over SMEs alive at its start, mean over the years after the burn-in",
  },
  {
    id: "turnover.exitRate",
    name: "Exit rate per year",
    band: [0.05, 0.15],
    unit: "exits per SME per year",
    source: "US Census BDS (firm exit rate ≈ 8–9%; Decker et al. 2014)",
    measure: "exits in a year over SMEs alive at its start, mean over the years after the burn-in",
  },
  {
    id: "turnover.netRate",
    name: "Entry and exit rates close to each other (steady state)",
    band: [-0.02, 0.02],
    unit: "entry rate − exit rate per year",
    source: "Dunne, Roberts & Samuelson (1988), RAND J. Econ. 19:495; US Census BDS",
    measure: "mean yearly entry rate minus mean yearly exit rate after the burn-in",
  },
  {
    id: "rd.participationSlope",
    name: "R&D: probability of doing R&D rises with size",
    band: [0.2, 1.2],
    unit: "logit slope per ln(employees)",
    source:
      "Cohen, Levin & Mowery (1987), J. Ind. Econ. 35:543; Cohen & Klepper (1996), Econ. J. 106:925; Eurostat CIS by size class (≈ 20%, 40%, 65% of small, medium, large firms do R&D: slope ≈ 0.5)",
    measure: "logit of (R&D > 0) on ln employees, SMEs alive at the end",
  },
  {
    id: "rd.intensitySlope",
    name: "R&D: intensity among performers does not rise with size",
    band: [-0.3, 0.2],
    unit: "slope of ln(R&D/sales) on ln(employees)",
    source:
      "Cohen, Levin & Mowery (1987); Cohen & Klepper (1996): R&D roughly proportional to size among performers (elasticity 0.7–1.1)",
    measure: "OLS of ln(R&D/sales) on ln employees among SMEs with R&D > 0",
  },
  {
    id: "rd.persistence",
    name: "R&D status is persistent",
    band: [0.65, 0.97],
    unit: "P(R&D at the end | R&D in an earlier quarter)",
    source:
      "Peters (2009), J. Technol. Transfer 34:226; Máñez et al. (2009), Oxford Bull. Econ. Stat. 71:525 (yearly P(R&D_t+1 | R&D_t) ≈ 0.85–0.9)",
    measure: "exact: P(R&D at the end | R&D four quarters before), surviving SMEs (FirmRecords.rdYearAgo)",
  },
  {
    id: "littleGiants.rdIntensity",
    name: "Little giants: R&D intensity",
    band: [0.05, 0.08],
    unit: "R&D / sales",
    source: "POLICY_DIGEST 004 §2.2.2 (6.3% national); 004 §2.3.2 (Shenzhen 7.63%)",
    measure: "mean over tier-3 firms alive at the end, certification scenario (certification on)",
  },
  {
    id: "littleGiants.rdStaffShare",
    name: "Little giants: R&D staff share",
    band: [0.2, 0.36],
    unit: "R&D staff / employees",
    source: "POLICY_DIGEST 004 §2.2.2 (28%)",
    measure: "mean over tier-3 firms alive at the end, certification scenario",
  },
  {
    id: "cis.innovationActive",
    name: "Share of SMEs innovation-active over three years",
    band: [0.35, 0.6],
    unit: "share of SMEs",
    source: "Eurostat Community Innovation Survey 2018 (about half of EU enterprises innovation-active)",
    measure:
      "exact: R&D spending or an innovation in the last 12 quarters (FirmRecords.lastRdTick, lastInnovationTick), SMEs alive at the end",
  },
  {
    id: "cis.universityCooperation",
    name: "Share of innovation-active SMEs cooperating with universities",
    band: [0.05, 0.2],
    unit: "share of innovation-active SMEs",
    source:
      "Eurostat Community Innovation Survey (cooperation partners: universities and higher education, about one in ten)",
    measure:
      "exact: a university joint project or licence in the last 12 quarters (FirmRecords.lastCooperationTick), among the innovation-active SMEs above",
  },
];

/** Bloom, Griffith & Van Reenen (2002): a 10% cut in the user cost raises long-run R&D by ≈ 10%. */
export const BGV_TARGET: ValidationTarget = {
  id: "policy.bgvUserCost",
  name: "Policy: 10% cut in the user cost of R&D (tax credit) raises long-run R&D",
  band: [0.05, 0.15],
  unit: "relative change of R&D spending",
  source:
    "Bloom, Griffith & Van Reenen (2002), J. Public Econ. 85:1 (long-run elasticity ≈ −1); MODEL_REFERENCES §2.5",
  measure:
    "taxCredit on (refundable credit = 10%·(1 − tax rate), no super-deduction, every firm aware) vs baseline, common seeds; firms' gross R&D after the burn-in",
};
