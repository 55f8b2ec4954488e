import type { CommandModule } from "yargs";
import { benchCommand } from "./bench.js";
import { compareCommand } from "./compare.js";
import { mergeCommand } from "./merge.js";
import { paramsCommand } from "./params.js";
import { reportCommand } from "./report.js";
import { runCommand } from "./run.js";
import { schemaCommand } from "./schema.js";
import { sensitivityCommand } from "./sensitivity.js";
import { startCommand } from "./start.js";
import { sweepCommand } from "./sweep.js";
import { validateCommand } from "./validate.js";
import { workerCommand } from "./worker.js";

/**
 * Every `ecosim` command, in the order `--help` lists them. Add a command by writing its module
 * in this folder and adding one import line and one entry here.
 */
// biome-ignore lint/suspicious/noExplicitAny: yargs command modules differ in their argument types
export const commands: CommandModule<any, any>[] = [
  runCommand,
  sweepCommand,
  workerCommand,
  mergeCommand,
  paramsCommand,
  schemaCommand,
  compareCommand,
  reportCommand,
  startCommand,
  validateCommand,
  sensitivityCommand,
  benchCommand,
];
