import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Argv, CommandModule } from "yargs";
import { defaultWorkerCount } from "../../engine/index.js";
import { defaultLang, isLang, LANGS, translator } from "../../report/i18n/index.js";
import { defaultScenariosDir, loadScenario } from "../../scenario/index.js";
import { executeCompare, timestamp } from "./compare.js";

/**
 * What `npm start` runs: the baseline against every shipped policy mix (the scenarios without an
 * experiment design), sized to take a few minutes on a two-core laptop.
 */
export const START_PLAN = { replications: 12, ticks: 80, firms: 500 } as const;

interface StartArgs {
  lang?: string;
  workers?: number;
}

export const startCommand: CommandModule<object, StartArgs> = {
  command: "start",
  describe: "Compare the baseline with every shipped policy mix (what `npm start` runs)",
  builder: (y: Argv<object>) =>
    y
      .option("lang", { type: "string", choices: LANGS, describe: "Language (default: from the locale)" })
      .option("workers", {
        type: "number",
        describe: `Worker threads (default: cores, here ${defaultWorkerCount()})`,
      }),
  handler: async (args) => {
    const lang = isLang(args.lang) ? args.lang : defaultLang();
    const t = translator(lang);
    const dir = defaultScenariosDir();
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".yaml"))
      .sort()
      .map((f) => join(dir, f))
      .filter((f) => loadScenario(f).design.kind === "single");
    const baseline = files.find((f) => f.endsWith("/baseline.yaml"));
    if (!baseline) throw new Error(`no baseline.yaml in ${dir}`);
    const mixes = files.filter((f) => f !== baseline);
    const workers = args.workers ?? defaultWorkerCount();
    process.stdout.write(`${t("cli.startPlan", { count: mixes.length, ...START_PLAN, workers })}\n`);
    const started = performance.now();
    const report = await executeCompare({
      files: [baseline, ...mixes],
      ...START_PLAN,
      workers,
      out: join("results", timestamp()),
      lang,
    });
    // interrupted: executeCompare printed how to resume and set the exit code
    if (report === null) return;
    process.stdout.write(`(${((performance.now() - started) / 1000).toFixed(0)} s)\n${report}\n`);
  },
};
