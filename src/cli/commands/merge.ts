import type { Argv, CommandModule } from "yargs";
import { mergeParts } from "../../engine/distributed/index.js";

interface MergeArgs {
  parts: string[];
  out: string;
}

/** `ecosim merge`: the parts of a sharded sweep (`sweep --shard K/N`) into one results directory. */
export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: "merge <parts..>",
  describe: "Merge the results of a sharded sweep (`sweep --shard K/N`) into one results directory",
  builder: (y: Argv<object>) =>
    y
      .positional("parts", {
        type: "string",
        array: true,
        demandOption: true,
        describe: "The parts' results directories (e.g. results/g1/part-*)",
      })
      .option("out", { type: "string", demandOption: true, describe: "Merged results directory (new)" }),
  handler: async (args) => {
    const t0 = performance.now();
    const outcome = await mergeParts({ parts: args.parts.map(String), out: args.out });
    process.stdout.write(
      `merged ${outcome.parts} parts: ${outcome.jobs} runs` +
        (outcome.failed ? ` (${outcome.failed} failed)` : "") +
        ` in ${((performance.now() - t0) / 1000).toFixed(1)} s; wrote ${outcome.files.join(", ")} to ${args.out}\n`,
    );
  },
};
