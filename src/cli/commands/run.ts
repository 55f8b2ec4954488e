import { join } from "node:path";
import type { Argv, CommandModule } from "yargs";
import {
  checkOutputDir,
  hostInfo,
  packageVersion,
  runOnce,
  safePathName,
  writeRunDirectory,
} from "../../engine/index.js";
import { summarize } from "../../engine/summary.js";
import { INSTRUMENT_NAMES } from "../../model/params.js";
import { applyOverrides, crnSeed, describeScenario, loadScenario } from "../../scenario/index.js";

interface RunArgs {
  scenario: string;
  seed?: number;
  ticks?: number;
  firms?: number;
  out?: string;
  force: boolean;
  "check-books": boolean;
}

/** `ecosim run`: one in-process run with firm records; a summary table and the run's files. */
export const runCommand: CommandModule<object, RunArgs> = {
  command: "run <scenario>",
  describe: "Run one simulation of a scenario: summary table, ticks.csv, firms.csv",
  builder: (y: Argv<object>) =>
    y
      .positional("scenario", {
        type: "string",
        demandOption: true,
        describe: "Scenario file (YAML or JSON)",
      })
      .option("seed", { type: "number", describe: "Base seed (default: the scenario's)" })
      .option("ticks", { type: "number", describe: "Quarters to simulate (overrides the scenario)" })
      .option("firms", { type: "number", describe: "Initial SMEs (overrides the scenario)" })
      .option("out", {
        type: "string",
        describe:
          "Output directory (default results/<scenario name>-<seed>); an earlier run result there is replaced, anything else refused",
      })
      .option("force", {
        type: "boolean",
        default: false,
        describe: "Replace whatever is at the output directory (a file, a folder that is not a run result)",
      })
      .option("check-books", { type: "boolean", default: false, describe: "Check the accounts every tick" }),
  handler: (args) => {
    const scenario = applyOverrides(loadScenario(args.scenario), {
      seed: args.seed,
      ticks: args.ticks,
      firms: args.firms,
    });
    // Replication 0 of a sweep of this scenario with the same base seed runs on the same seed.
    const runSeed = crnSeed(scenario.seed, 0);
    // The default folder's name comes from the scenario file: only safe characters, inside results/.
    const folderName = safePathName(scenario.name);
    const target = args.out ?? join("results", `${folderName}-${scenario.seed}`);
    // Refuse before running: nothing the command did not create is deleted or replaced.
    const outOptions = { force: args.force, keep: scenario.chain };
    const before = checkOutputDir(target, "run", outOptions);
    const started = performance.now();
    const result = runOnce(scenario.params, runSeed, { recordFirms: true, checkBooks: args["check-books"] });
    const elapsed = performance.now() - started;
    const manifest = {
      format: "ecosim-results/1",
      kind: "run",
      scenario: describeScenario(scenario),
      seed: scenario.seed,
      runSeed,
      seedRule: "runSeed = crnSeed(seed, 0), as replication 0 of a sweep",
      versions: { ecosim: packageVersion(), node: process.version },
      host: hostInfo(),
      elapsedMs: Math.round(elapsed),
      createdAt: new Date().toISOString(),
    };
    const files = writeRunDirectory(target, result, manifest, outOptions);
    const summary = summarize(result);
    const firms = scenario.params.firms;
    const out = process.stdout;
    out.write(
      `${scenario.name}: seed ${scenario.seed}, ${result.ticks} quarters, ${firms} initial SMEs ` +
        `(${(elapsed / 1000).toFixed(2)} s, ${fmt((firms * result.ticks) / (elapsed / 1000))} firm-ticks/s)\n\n`,
    );
    out.write(table(summary));
    const replaced =
      before === "previous"
        ? " (replacing the earlier run there)"
        : before === "forced"
          ? " (replacing what was there: --force)"
          : "";
    out.write(`\nwrote ${files.join(", ")} to ${target}${replaced}\n`);
    if (args.out === undefined && folderName !== scenario.name) {
      out.write(
        `(folder named after the scenario's name ${JSON.stringify(scenario.name)}, with characters unsafe in a path replaced; --out DIR chooses another)\n`,
      );
    }
  },
};

const AT_END: [string, string][] = [
  ["firms", "firms alive"],
  ["smes", "SMEs alive"],
  ["startups", "start-ups (< 5 years)"],
  ["tier1", "certified innovative SMEs"],
  ["tier2", "certified SRDI SMEs"],
  ["tier3", "little giants"],
  ["employment", "employment"],
  ["output", "output (M/quarter)"],
  ["productivityMean", "mean productivity"],
  ["productivityFrontier", "productivity frontier"],
  ["loansOutstanding", "bank loans (M)"],
  ["vcFunds", "VC funds"],
  ["talentPool", "talent pool"],
  ["smeSurvival", "initial SMEs surviving (share)"],
];

const OVER_RUN: [string, string][] = [
  ["entries", "entries"],
  ["exits", "exits"],
  ["exitsCash", "exits for lack of cash"],
  ["innovations", "innovations"],
  ["patents", "patents"],
  ["defaults", "loan defaults"],
  ["vcDeals", "VC deals"],
  ["vcExitsIpo", "VC exits by IPO"],
  ["vcExitsAcquisition", "VC exits by acquisition"],
  ["licences", "university licences"],
  ["rdPrivate", "private R&D (M)"],
  ["rdPublic", "public R&D support (M)"],
  ["taxRevenue", "tax revenue (M)"],
  ["publicSpending", "public spending (M)"],
];

function table(summary: Record<string, number | null>): string {
  const rows: [string, string][] = [];
  const section = (title: string, entries: [string, string][]) => {
    rows.push([title, ""]);
    for (const [key, label] of entries) rows.push([`  ${label}`, fmt(summary[key])]);
  };
  section("at the end", AT_END);
  section("over the run", OVER_RUN);
  const used = INSTRUMENT_NAMES.filter((name) => (summary[`cost.${name}`] ?? 0) !== 0);
  if (used.length > 0)
    section(
      "fiscal cost by instrument (M)",
      used.map((name) => [`cost.${name}`, name]),
    );
  else rows.push(["fiscal cost by instrument", "no instrument used"]);
  const width = Math.max(...rows.map(([l]) => l.length));
  return rows.map(([l, v]) => (v === "" ? `${l}\n` : `${l.padEnd(width)}  ${v.padStart(12)}\n`)).join("");
}

function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  if (Number.isInteger(x)) return x.toLocaleString("en-US");
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString("en-US");
  if (a >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}
