/**
 * Every user-facing string of the charts, the terminal table and the HTML report, in English.
 * `zh.ts` must have exactly the same keys (the compiler and a test check it). A value is filled
 * in where a string has {name}.
 */
export const en = {
  "lang.htmlCode": "en",

  "report.title": "ecosim: policy comparison",
  "report.titleRun": "ecosim: run results",
  "report.titleSweep": "ecosim: sweep results",
  "report.generated": "Generated {date} by ecosim {version}.",
  "report.intro":
    "Each scenario was run with the same random seeds as the baseline (common random numbers), so every effect is a paired difference per seed; intervals are 95% bootstrap confidence intervals of the mean difference.",
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
  "report.summary": "Summary: effects at the horizon",
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
  "table.extraSpending": "Extra spending (M)",
  "table.extraTax": "Extra tax revenue (M)",
  "table.netCost": "Net public cost (M)",
  "table.perInnovation": "Net cost per extra innovation (M)",
  "table.perJob": "Net cost per extra job (M)",
  "table.perOutput": "Net cost per extra M of output",
  "table.parameter": "Parameter",
  "table.value": "Value",
  "table.default": "Default",
  "table.point": "Point",
  "table.reference": "reference",

  "na.effectNotSignificant": "n/a: effect not significant",
  "na.effectNegative": "n/a: outcome fell",
  "na.noNetCost": "n/a: no net public cost",
  "na.noRecords": "n/a: no data",

  "chart.timeSeries.title": "Key outcomes over time (mean and 95% band)",
  "chart.effects.title": "Effects against the baseline at the horizon (mean and 95% CI)",
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
  "chart.effects.subtitle": "Filled dot: the 95% interval excludes zero; hollow dot: not significant.",
  "chart.costEffectiveness.subtitle":
    "Over the whole run, against the baseline; up and to the left is better value for money.",
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
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;
