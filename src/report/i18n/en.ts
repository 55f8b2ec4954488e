/**
 * Every user-facing string of the charts, the terminal table and the HTML report, in English.
 * `zh.ts` must have exactly the same keys (the compiler and a test check it). A value is filled
 * in where a string has {name}.
 */
export const en = {
  "lang.htmlCode": "en",

  "sens.reportTitle": "ecosim: sensitivity analysis",
  "sens.heading.morris": "Morris screening: parameters ranked by μ*",
  "sens.heading.sobol": "Sobol indices: parameters ranked by ST",
  "sens.intro.morris":
    "Morris elementary effects on {scenario}: {k} parameters, {r} trajectories ({runs} runs, {reps} replication(s) per design point).",
  "sens.intro.sobol":
    "Sobol indices on {scenario}: {k} parameters, {n} base samples ({runs} runs, {reps} replication(s) per design point).",
  "sens.note.morris":
    "μ* is the mean absolute elementary effect per unit of the parameter's range (importance), with its 95% percentile bootstrap interval over trajectories; σ is the spread of the effects (non-linearity, interactions); σ/μ* above 1 means the effect changes a lot across the space.",
  "sens.note.sobol":
    "S1: share of the output variance due to the parameter alone (Saltelli 2010); ST: including its interactions (Jansen 1999); 95% bootstrap intervals over base samples. Both lie in [0, 1] when estimated well.",
  "sens.title.morris": "Morris μ* per output (95% bootstrap CI over trajectories)",
  "sens.title.sobol": "Sobol indices per output (95% bootstrap CI)",
  "sens.subtitle.morris": "μ*: mean |elementary effect| per unit of the parameter's range; {r} trajectories.",
  "sens.subtitle.sobol": "S1 first order (Saltelli 2010), ST total (Jansen 1999); {n} base samples.",
  "sens.scatter.title": "Morris screening: μ* against σ per parameter",
  "sens.scatter.subtitle":
    "Right: influential; up: non-linear or interacting. Dashed: σ = μ*, above it the effect changes sign or size across the space. Lines: 95% bootstrap CI of μ*.",
  "sens.axis.index": "Index",
  "sens.axis.muStar": "μ* (per unit of range)",
  "sens.axis.sigma": "σ of the elementary effects",
  "sens.legend.index": "Index",
  "sens.table.morris": "Ranked by μ*: {output}",
  "sens.table.sobol": "Ranked by ST: {output}",
  "sens.col.parameter": "Parameter",
  "sens.col.muStar": "μ* (95% CI)",
  "sens.col.S1": "S1 (95% CI)",
  "sens.col.ST": "ST (95% CI)",
  "sens.warn.samples":
    "Sobol: only {n} base samples (fewer than {min}); the indices are not reliable. Rerun with --samples {min} or more.",
  "sens.warn.wideCi":
    "Sobol: {count} of {total} intervals of S1 or ST are wider than {width} (widest {widest}); the sample is too small to rank the parameters.",
  "sens.warn.outside":
    "Sobol: indices range from {lo} to {hi}, far outside [0, 1]: that is estimation noise, not sensitivity. Increase --samples.",

  "summary.heading": "Decision summary",
  "summary.window":
    "Evaluation window: quarters {from}–{to} (policy starts in quarter {start}); {n} paired seeds per mix, each against {baseline} on the same seeds (common random numbers).",
  "summary.totals": "{names}: summed over quarters {from}–{to}",
  "summary.levels": "{names}: at quarter {to}",
  "summary.shares":
    "{names}: share of the SMEs alive at quarter {from} still alive at quarter {to}, change in percentage points",
  "summary.sep": "; ",
  "summary.listSep": ", ",
  "summary.setSep": "; ",
  "summary.end": ".",
  "summary.fewSeeds":
    "Warning: only {n} paired seeds. With fewer than {min}, t intervals are very wide and rankings unstable; rerun with --replications 10 or more before drawing conclusions.",
  "summary.effectsCaption": "Effects on the headline outcomes, quarters {from}–{to}: mixes ranked",
  "summary.rank": "Rank",
  "summary.rankNote":
    "Change against the baseline's mean (95% interval beneath); the small number is the mix's rank on that outcome, and mixes are ordered by their mean rank. Ranks order point estimates: mixes whose intervals overlap may not differ.",
  "summary.pp": "{x} pp",
  "summary.costCaption": "Net public cost at quarter {to} and cost per extra outcome",
  "summary.costNote":
    "Net public cost (M) = spending + tax expenditure + second-round tax: the fall of the government's net financial position against the baseline, flows over quarters {from}–{to}. Tax expenditure is revenue forgone, not spending.",
  "summary.equalCaption": "Equal budget: what a net public cost of 1% of the baseline's output buys",
  "summary.perBudgetInnovations": "Extra innovations",
  "summary.perBudgetJobs": "Extra jobs",
  "summary.perBudgetOutput": "Extra output (M)",
  "summary.equalNote":
    "Each mix scaled linearly to a net public cost of {budget} M (1% of the baseline's output over quarters {from}–{to}); 95% Fieller sets beneath, unbounded where the cost cannot be told from zero.",
  "report.appendix": "Appendix: every effect and cost",
  "report.effectsAll": "All effects, quarters {from}–{to}",
  "report.discoveryNote":
    "* significant after a Benjamini–Hochberg false-discovery-rate correction ({fdr}) across the {count} effects of this table; intervals are unadjusted 95% t intervals on paired seeds.",
  "report.fiscalNote":
    "Net public cost = spending + tax expenditure + second-round tax, from the government's books: the fall of its net financial position against the baseline at quarter {to}, flows over quarters {from}–{to}. Spending is every other public flow, net: the instruments' outlays less fees, interest, repayments and fund returns, and the change in public purchases and bank rescues as the economy moves; tax expenditure is revenue forgone through tax instruments, not spending; second-round tax is the fall in the tax the activity pays (negative: extra tax). The memo column is what the instruments book, gross, imputed interest discounts included. 95% t intervals on paired seeds.",
  "report.costEffectiveness": "Net public cost per extra outcome",
  "report.ceNote":
    "Cost per extra unit: 95% Fieller sets; where the gain cannot be told from zero the set is unbounded, shown as such.",
  "ratio.unbounded": "unbounded",
  "ratio.unboundedLine": "unbounded ({set}; estimate {estimate})",
  "ratio.estimate": "estimate {x}",
  "ratio.anyValue": "any value",
  "ratio.atLeast": "≥ {x}",
  "ratio.atMost": "≤ {x}",
  "ratio.either": "≤ {a} or ≥ {b}",
  "table.mix": "Policy mix",
  "table.qValue": "q (BH)",
  "table.spending": "Spending, net (M)",
  "table.taxExpenditure": "Tax expenditure: revenue forgone (M)",
  "table.secondRoundTax": "Second-round tax (M)",
  "table.shareOfOutput": "Net cost, % of baseline output",
  "table.instrumentSpending": "Memo: booked by instruments, gross (M)",
  "chart.numbered": "Figure {n}. {title}",
  "chart.policyStart": "Dashed line: the policy starts in quarter {quarter}.",
  "chart.timeSeries.subtitleWindow":
    "Counts summed from quarter {from} (evaluation window: quarters {from}–{to}); levels per quarter.",
  "chart.effects.subtitleWindow":
    "Counts summed over quarters {from}–{to}, levels at quarter {to}. Filled dot: significant after the Benjamini–Hochberg correction ({fdr} FDR); lines: unadjusted 95% t intervals.",
  "chart.effectsOverTime.subtitleWindow":
    "Counts summed from quarter {from}, so the value at quarter {to} is the effect of Figure 2.",
  "chart.costEffectiveness.subtitleWindow":
    "Net public cost at quarter {to}; gains summed over quarters {from}–{to} (jobs at quarter {to}). Up and to the left is better value for money.",
  "chart.firmSizes.subtitleAt":
    "SMEs alive at quarter {to}, runs pooled. Dashed: Zipf's law (slope −1 in log–log).",
  "chart.firmSizes.zipf": "Zipf: slope −1",
  "chart.survival.subtitleRun": "Start-ups founded in quarters 1–{to}, cohorts pooled by age.",
  "chart.spending.subtitleWindow":
    "Booked by each instrument over quarters {from}–{to}, gross (not the net public cost); colours by instrument family.",
  "axis.costPerGain": "Net cost per unit of gain (M)",
  "axis.booked": "Booked over quarters {from}–{to} (M)",
  "legend.instrumentByFamily": "Instrument (by family)",
  "legend.family": "Family",
  "family.grants": "Grants and subsidies",
  "family.tax": "Tax instruments",
  "family.finance": "Debt finance",
  "family.equity": "Equity",
  "family.demand": "Demand side",
  "family.services": "Services and regulation",

  "report.title": "ecosim: policy comparison",
  "report.titleRun": "ecosim: run results",
  "report.titleSweep": "ecosim: sweep results",
  "report.generated": "Generated {date} by ecosim {version}.",
  "report.introRun":
    "Results of {runs} run(s) of one scenario; bands are 95% bootstrap confidence intervals of the mean.",
  "report.introSweep":
    "Results of a parameter sweep: each design point's outcome is the mean over its replications with a 95% Student-t confidence interval.",
  "report.introSweepPaired":
    "Every point ran on the same {replications} seeds (common random numbers), so a point's effect against the reference point ({reference}) is the mean of its paired differences per seed, with a 95% Student-t interval.",
  "report.introSweepUnpaired":
    "The points ran on different seeds (commonRandomNumbers: false, or a sweep made before common random numbers), so a point's effect against the reference point ({reference}) is a difference of means with Welch's 95% t interval.",
  "report.introSweepContinuous":
    "The design samples continuous ranges: the charts show each outcome's point means against every sampled parameter, with a loess smoother.",
  "report.fiscal": "Fiscal cost and cost-effectiveness",
  "report.charts": "Charts",
  "report.scenarios": "Scenarios and parameters as resolved",
  "report.changedParams": "Parameters that differ from the model defaults",
  "report.allParams": "All parameters (JSON)",
  "report.noChanges": "none: every parameter at its default",
  "report.provenance": "Seeds and versions",
  "report.seeds": "Seeds",
  "report.versions": "Versions",
  "report.chartFallback": "Static image of this chart (shown if scripts are disabled).",
  "report.significantNote": "* the 95% interval excludes zero.",
  "report.horizon": "Horizon: {ticks} quarters; {runs} replications per scenario.",
  "report.summaryRun": "Summary at the horizon",
  "report.sweepPoints": "Sweep points",
  "report.sweepPointsNote":
    "Mean over replications ± the half-width of its 95% t interval; n replications per point.",
  "report.sweepPointsCapped": "The first {shown} of {total} points; runs.csv holds every run.",
  "report.sweepEffects": "Effects against the reference point ({reference}), with 95% t intervals",

  "table.scenario": "Scenario",
  "table.outcome": "Outcome",
  "table.baseline": "Baseline",
  "table.effect": "Effect (95% CI)",
  "table.relative": "Change",
  "table.mean": "Mean (95% CI)",
  "table.netCost": "Net public cost (M)",
  "table.perInnovation": "Net cost per extra innovation (M)",
  "table.perJob": "Net cost per extra job (M)",
  "table.perOutput": "Net cost per extra M of output",
  "table.parameter": "Parameter",
  "table.value": "Value",
  "table.default": "Default",
  "table.point": "Point",
  "table.reference": "reference",

  "na.effectNegative": "n/a: outcome fell",
  "na.noNetCost": "n/a: no net public cost",
  "na.noRecords": "n/a: no data",

  "chart.timeSeries.title": "Key outcomes over time (mean and 95% band)",
  "chart.effects.title": "Effects against the baseline over the evaluation window (mean and 95% CI)",
  "chart.costEffectiveness.title": "Net public cost against outcome gain",
  "chart.firmSizes.title": "Firm-size distribution of SMEs at the horizon (complementary CDF)",
  "chart.survival.title": "Survival of start-up cohorts (Kaplan–Meier, 95% band)",
  "chart.sweepMeans.title": "Outcomes per design point (mean and 95% t interval)",
  "chart.sweepEffects.title":
    "Effects against the reference point (paired differences, mean and 95% t interval)",
  "chart.sweepEffects.titleUnpaired":
    "Effects against the reference point (difference of means, 95% Welch interval)",
  "chart.sweepScatter.title": "{metric} against each sampled parameter",
  "chart.spending.title": "Use of public money by instrument (mean over runs)",
  "chart.effectsOverTime.title": "Effects against the baseline over time (mean and 95% band)",

  "chart.timeSeries.subtitle": "Counts are cumulative from the start of the run.",
  "chart.effects.subtitle":
    "Filled dot: significant after the Benjamini–Hochberg false-discovery-rate correction; hollow dot: not.",
  "chart.costEffectiveness.subtitle": "Against the baseline; up and to the left is better value for money.",
  "chart.firmSizes.subtitle": "Runs pooled; a straight line is a power law (Zipf’s law: slope −1).",
  "chart.sweepMeans.subtitle": "Vermilion: the reference point ({reference}).",
  "chart.sweepEffects.subtitle":
    "Point − reference ({reference}). Filled dot: the 95% interval excludes zero; hollow dot: it does not.",
  "chart.sweepScatter.subtitle":
    "A dot per design point (its mean over replications); the line is a loess smoother.",

  "axis.quarter": "Quarter",
  "axis.age": "Age (quarters)",
  "axis.employees": "Employees (log scale)",
  "axis.ccdf": "Share of SMEs at least this large (log scale)",
  "axis.survival": "Share of start-ups still alive",
  "axis.effect": "Scenario − baseline",
  "axis.netCost": "Net public cost (M)",
  "axis.gain": "Gain over the baseline",
  "axis.spending": "Public spending over the run (M)",
  "axis.value": "Value",
  "axis.mean": "Mean over replications",
  "axis.effectVsReference": "Point − reference",

  "legend.scenario": "Scenario",
  "legend.instrument": "Instrument",

  "outcome.innovations": "Innovations",
  "outcome.patents": "Patents",
  "outcome.productivity": "Productivity",
  "outcome.output": "Output",
  "outcome.employment": "Employment",
  "outcome.smeSurvival": "SME survival",
  "outcome.startups": "Start-ups",
  "outcome.vcDeals": "VC deals",
  "outcome.vcExits": "VC exits",
  "outcome.loanDefaults": "Loan defaults",

  "ce.innovations": "Extra innovations",
  "ce.jobs": "Extra jobs",
  "ce.output": "Extra output (M)",

  "unit.count": "count",
  "unit.firms": "firms",
  "unit.workers": "workers",
  "unit.index": "index",
  "unit.mPerQuarter": "M per quarter",
  "unit.m": "M",
  "unit.share": "share",

  "instrument.grants": "R&D grants (SBIR-style)",
  "instrument.rdProjectSubsidy": "R&D project subsidy",
  "instrument.taxCredit": "R&D tax credit",
  "instrument.rdWageSubsidy": "R&D staff wage subsidy",
  "instrument.innovationInvestmentCredit": "Innovation investment credit",
  "instrument.revolvingFund": "Revolving innovation fund",
  "instrument.loanGuarantee": "Loan guarantees",
  "instrument.policyBank": "Policy-bank loans",
  "instrument.procurementQuota": "Procurement quota",
  "instrument.guidanceFund": "Government guidance fund",
  "instrument.vcExitPolicy": "VC exit policy",
  "instrument.cooperativeResearch": "Cooperative research subsidy",
  "instrument.serviceCentres": "Service centres",
  "instrument.ipProtection": "IP protection",
  "instrument.latePaymentCap": "Late-payment cap",
  "instrument.openChallenges": "Open challenges",
  "instrument.bridgeFinancing": "Bridge financing",
  "instrument.talentRetention": "Talent retention",
  "instrument.regulatoryRelief": "Regulatory relief",
  "instrument.certification": "Tiered certification",

  "cli.comparing":
    "Comparing {count} scenarios × {replications} replications ({runs} runs, {ticks} quarters, {firms} firms) on {workers} workers",
  "cli.wrote": "Wrote {path}",
  "cli.wroteFiles": "Wrote {count} files in {path}",
  "cli.effectsHeader":
    "Effects against {baseline} over quarters {from}–{to} (from the policy start): change relative to the baseline mean (the difference where that mean is 0)",
  "cli.fiscalHeader": "Fiscal cost and cost-effectiveness",
  "cli.startPlan":
    "Comparing the baseline with {count} shipped policy mixes: {replications} replications, {ticks} quarters, {firms} firms, {workers} workers.",
  "cli.reportAt": "Report: {path}",
  "cli.fdrNote":
    "* significant after Benjamini–Hochberg FDR control at {fdr} across {count} effects; intervals unadjusted",
  "cli.fiscalNote":
    "Net public cost (M): the fall of the government's net financial position against {baseline} over quarters {from}–{to}, with its 95% CI; it splits into spending + tax expenditure + second-round tax.",
  "cli.spending": "Spending",
  "cli.taxExpenditure": "Tax expenditure",
  "cli.secondRoundTax": "Second-round tax",
  "cli.shareOfOutput": "Share of output",
  "cli.ceNote": "Cost per extra unit: Fieller's 95% set; “unbounded” when the gain cannot be told from zero.",
  "cli.unbounded": "unbounded",
  "cli.noInstruments": "no instrument on (the baseline)",
  "cli.fewSeeds":
    "warning: intervals on {n} seeds are wide and unreliable (95% half-width {width} s.d. of the paired differences, against 0.72 on 10 seeds); use --replications 10 or more, or --precision",
  "cli.resuming": "Resuming: {runs} runs already done in {path}",
  "cli.resumeRepaired": "cut a torn tail of {bytes} bytes off runs.bin; {dropped} unreadable records dropped",
  "cli.batch": "More seeds for the precision target: {replications} replications ({toRun} runs to do)",
  "cli.nothingToRun": "All {runs} runs are done already; writing the comparison",
  "cli.precisionHeader":
    "Precision target: every effect's 95% CI half-width at most {target} of the baseline mean; {replications} replications (at most {max})",
  "cli.precisionMet": "met",
  "cli.precisionNotMet": "not met",
  "cli.precisionNoTarget": "no target (the baseline mean is 0)",
  "cli.precisionWidest": "±{width} (widest: {scenario})",
  "cli.precisionNeeded": "about {n} replications would reach it",
  "cli.precisionAllMet": "Every precision target met with {replications} replications.",
  "cli.precisionMaxReached":
    "Stopped at --max-replications {max}: {count} of {total} precision targets not met.",
  "cli.interrupted": "interrupted by {signal}: {done} of {total} runs are done and saved in {path}.",
  "cli.resumeWith": "resume with: {command}",
  "cli.runFailed": "{message}; the finished runs are saved in {path}; {hint}",
  "vchart.size.title": "Firm size distribution (employees): CCDF, log–log",
  "vchart.size.subtitle": "Pareto tail above {xmin}: α = {alpha} (target 0.8–1.3)",
  "vchart.simulated": "simulated",
  "vchart.employees": "employees",
  "vchart.paretoFit": "Pareto fit",
  "vchart.subbotin": "Subbotin b = {b}",
  "vchart.gaussian": "Gaussian",
  "vchart.growth.title": "Yearly growth rates of surviving firms (log density)",
  "vchart.growth.subtitle": "tent shape (Laplace, b ≈ 1) vs Gaussian (b = 2); target b in 0.7–1.4",
  "vchart.growth.x": "ln(size_t / size_t−1), demeaned",
  "vchart.density": "density",
  "vchart.survival.title": "Start-up survival by years since entry (Kaplan–Meier, cohorts after the burn-in)",
  "vchart.survival.subtitle": "line: simulated (mean over replications); bars: target bands (US BDS)",
  "vchart.yearsSinceEntry": "years since entry",
  "vchart.shareAlive": "share alive",
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;
