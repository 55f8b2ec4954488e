import { writeFileSync } from "node:fs";
import type { CommandModule } from "yargs";
import { scenarioJsonSchema } from "../../scenario/index.js";

interface SchemaArgs {
  out?: string;
}

/** The JSON Schema of scenario files as the text `ecosim schema` writes. */
export function schemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

class SchemaWriteError extends Error {
  readonly exitCode = 2;
}

export const schemaCommand: CommandModule<object, SchemaArgs> = {
  command: "schema",
  describe:
    "Write the JSON Schema of scenario files (for editors: `# yaml-language-server: $schema=<file>` at the top of a scenario)",
  builder: (y) =>
    y.option("out", { type: "string", describe: "Write to FILE instead of stdout", requiresArg: true }),
  handler: (args) => {
    const text = schemaText();
    if (!args.out) {
      process.stdout.write(text);
      return;
    }
    try {
      // The folder must exist: no recursive mkdir (Node's hangs on some paths, e.g. under /proc).
      writeFileSync(args.out, text);
    } catch (e) {
      throw new SchemaWriteError(`--out: cannot write ${args.out}: ${(e as Error).message}`);
    }
    process.stderr.write(`Wrote the scenario JSON Schema to ${args.out}\n`);
  },
};
