import { describe, expect, it } from "vitest";
import { allCommands, COMMAND_SUMMARIES } from "../src/cli/commands/index.js";

/**
 * `ecosim --help`, `--version` and a mistyped command load no command module: they list the
 * commands from COMMAND_SUMMARIES. The table must say what the modules say.
 */
describe("the command summaries", () => {
  it("name every command with the usage and description of its module", async () => {
    const modules = await allCommands();
    expect(Object.keys(COMMAND_SUMMARIES)).toEqual(Object.keys(modules));
    for (const [name, m] of Object.entries(modules)) {
      expect({ name, command: m.command, describe: m.describe }).toEqual({
        name,
        ...COMMAND_SUMMARIES[name],
      });
    }
  });
});
