#!/usr/bin/env node
import yargs, { type MiddlewareFunction } from "yargs";
import { hideBin } from "yargs/helpers";
import type { OptionTable } from "./args.js";
import { commandsFor } from "./commands/index.js";
import { reportFailure, UsageError } from "./errors.js";
import { type CommandInfo, usageMessage } from "./usage.js";

/**
 * Entry point of the `ecosim` command line. Each command lives in its own file under commands/;
 * the checks of flags every command shares (a value where one is needed, a flag given once,
 * numbers within their bounds) and the messages of usage errors (exit 2) are made here, once.
 */
async function main(): Promise<void> {
  const args = hideBin(process.argv);
  const { commands, loaded } = await commandsFor(args);
  // the flag checks read the parameter schema (zod): only a command that runs needs them
  const checkArgs = loaded ? (await import("./args.js")).checkArgs : null;
  const infos: CommandInfo[] = commands.map((c) => {
    const usage = String(Array.isArray(c.command) ? c.command[0] : (c.command ?? ""));
    return { name: usage.split(" ")[0], usage: `${usage} [options]` };
  });
  let cli = yargs(args)
    .scriptName("ecosim")
    .usage("$0 <command> [options]\n\nAgent-based simulator of SME innovation ecosystems.")
    .strict()
    .demandCommand(1, "Name a command; `ecosim --help` lists them.")
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns || 110))
    // The words as typed, against the options of the command being run, before yargs validates.
    .middleware(
      // yargs passes its instance, whose options are the command's, as the second argument
      ((_argv: unknown, y: { getOptions(): OptionTable }) =>
        checkArgs?.(args, y.getOptions())) as unknown as MiddlewareFunction,
      true,
    )
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(usageMessage(msg ?? "", args, infos));
    });
  for (const command of commands) cli = cli.command(command);
  await cli.help().version().parseAsync();
}

// `ecosim params | head` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

main().catch((err: unknown) => {
  process.exitCode = reportFailure(err);
});
