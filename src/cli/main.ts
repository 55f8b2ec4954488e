#!/usr/bin/env node
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { commandsFor } from "./commands/index.js";
import { reportFailure } from "./errors.js";

/** Entry point of the `ecosim` command line. Each command lives in its own file under commands/. */
async function main(): Promise<void> {
  const args = hideBin(process.argv);
  let cli = yargs(args)
    .scriptName("ecosim")
    .usage("$0 <command> [options]\n\nAgent-based simulator of SME innovation ecosystems.")
    .strict()
    .demandCommand(1, "Name a command; `ecosim --help` lists them.")
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns || 110))
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg);
    });
  for (const command of await commandsFor(args)) cli = cli.command(command);
  await cli.help().version().parseAsync();
}

class UsageError extends Error {
  readonly exitCode = 2;
}

// `ecosim params | head` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

main().catch((err: unknown) => {
  process.exitCode = reportFailure(err);
});
