import type { CommandModule } from "yargs";

// biome-ignore lint/suspicious/noExplicitAny: yargs command modules differ in their argument types
type AnyCommand = CommandModule<any, any>;

/**
 * Every `ecosim` command, in the order `--help` lists them, each loaded only when needed: the
 * charting, Parquet and Redis libraries cost most of a second to load, which `ecosim params` or
 * a sweep's worker start should not pay. Add a command by writing its module in this folder and
 * adding one line here.
 */
const loaders: Record<string, () => Promise<AnyCommand>> = {
  run: async () => (await import("./run.js")).runCommand,
  sweep: async () => (await import("./sweep.js")).sweepCommand,
  worker: async () => (await import("./worker.js")).workerCommand,
  merge: async () => (await import("./merge.js")).mergeCommand,
  params: async () => (await import("./params.js")).paramsCommand,
  schema: async () => (await import("./schema.js")).schemaCommand,
  compare: async () => (await import("./compare.js")).compareCommand,
  report: async () => (await import("./report.js")).reportCommand,
  start: async () => (await import("./start.js")).startCommand,
  validate: async () => (await import("./validate.js")).validateCommand,
  sensitivity: async () => (await import("./sensitivity.js")).sensitivityCommand,
  calibrate: async () => (await import("./calibrate.js")).calibrateCommand,
  bench: async () => (await import("./bench.js")).benchCommand,
};

/**
 * Each command's usage and one-line description, for `ecosim --help`, `--version`, no command or
 * a mistyped one, so that those load no command module (a test checks the table against the
 * modules).
 */
export const COMMAND_SUMMARIES: Record<string, { command: string; describe: string }> = {
  run: {
    command: "run <scenario>",
    describe: "Run one simulation of a scenario: summary table, ticks.csv, firms.csv",
  },
  sweep: {
    command: "sweep <scenario>",
    describe: "Run every job of a scenario's design on a worker pool (resumable)",
  },
  worker: {
    command: "worker",
    describe: "Run jobs of Redis-backed sweeps (`sweep --backend redis://…`) on this machine",
  },
  merge: {
    command: "merge <parts..>",
    describe: "Merge the results of a sharded sweep (`sweep --shard K/N`) into one results directory",
  },
  params: {
    command: "params",
    describe: "List every model parameter with its default, bounds, unit and source",
  },
  schema: {
    command: "schema",
    describe:
      "Write the JSON Schema of scenario files (for editors: `# yaml-language-server: $schema=<file>` at the top of a scenario)",
  },
  compare: {
    command: "compare <baseline> <scenarios..>",
    describe:
      "Compare policy mixes against a baseline on the same seeds: paired effects, costs, charts, report.html (resumable)",
  },
  report: {
    command: "report <dir>",
    describe: "Rebuild the charts and report.html of a finished run, sweep or compare directory",
  },
  start: {
    command: "start",
    describe: "Compare the baseline with every shipped policy mix (what `npm start` runs)",
  },
  validate: {
    command: "validate",
    describe:
      "Check the model against stylized facts and policy-response targets (table, validation.json, charts)",
  },
  sensitivity: {
    command: "sensitivity <scenario>",
    describe:
      "Global sensitivity analysis (Morris mu*/sigma or Sobol S1/ST with bootstrap CIs) on the worker pool",
  },
  calibrate: {
    command: "calibrate <targets>",
    describe:
      "Calibrate parameters to empirical moments (ABC-SMC on common random numbers): posterior sample, fit, identifiability, report",
  },
  bench: {
    command: "bench",
    describe: "Measure throughput and scaling, warm and cold (table + results/bench/<date>.json)",
  },
};

/**
 * The commands yargs needs for these arguments: the one named first, loaded; or, for `--help`,
 * `--version`, a typo's did-you-mean or no command at all, every command as its summary alone.
 */
export async function commandsFor(
  args: readonly string[],
): Promise<{ commands: AnyCommand[]; loaded: boolean }> {
  const name = args.find((a) => !a.startsWith("-"));
  const only = name !== undefined && Object.hasOwn(loaders, name) ? loaders[name] : undefined;
  if (only) return { commands: [await only()], loaded: true };
  const summaries = Object.values(COMMAND_SUMMARIES).map((s) => ({ ...s, builder: {}, handler: () => {} }));
  return { commands: summaries, loaded: false };
}

/** Every command module, loaded (for the test that keeps COMMAND_SUMMARIES true). */
export async function allCommands(): Promise<Record<string, AnyCommand>> {
  const entries = await Promise.all(
    Object.entries(loaders).map(async ([k, load]) => [k, await load()] as const),
  );
  return Object.fromEntries(entries);
}
