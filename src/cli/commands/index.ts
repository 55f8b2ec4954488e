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
 * The commands yargs needs for these arguments: just the one named first, or all of them
 * (for `--help`, a typo's did-you-mean, or no command at all).
 */
export async function commandsFor(args: readonly string[]): Promise<AnyCommand[]> {
  const name = args.find((a) => !a.startsWith("-"));
  const only = name !== undefined && Object.hasOwn(loaders, name) ? loaders[name] : undefined;
  if (only) return [await only()];
  return Promise.all(Object.values(loaders).map((load) => load()));
}
