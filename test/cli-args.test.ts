import { beforeAll, describe, expect, it } from "vitest";
import { checkArgs, checkNumber, describeRule, flagRules, type OptionTable } from "../src/cli/args.js";
import { UsageError } from "../src/cli/errors.js";
import { usageMessage } from "../src/cli/usage.js";
import { cli, requireBuild } from "./engine-helpers.js";

/** Usage errors (issue #14): exit 2 with a message a user can act on, for every command. */

/** The options of a command like `run` (as yargs' getOptions() lists them). */
const RUN: OptionTable = {
  key: {
    help: true,
    version: true,
    scenario: true,
    seed: true,
    ticks: true,
    firms: true,
    out: true,
    force: true,
    "check-books": true,
    outputs: true,
    workers: true,
  },
  boolean: ["help", "version", "force", "check-books"],
  number: ["seed", "ticks", "firms", "workers"],
  array: ["outputs"],
};

function usageErrorOf(words: string[], o: OptionTable = RUN): string {
  try {
    checkArgs(words, o);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    expect((e as UsageError).exitCode).toBe(2);
    return (e as Error).message;
  }
  throw new Error(`accepted ${words.join(" ")}`);
}

describe("checkArgs: the words as typed", () => {
  it("a flag without a value is an error (it was dropped: --ticks alone ran 80 quarters)", () => {
    expect(usageErrorOf(["run", "s.yaml", "--ticks"])).toBe(
      "--ticks needs a value: expected an integer in [1, 4000] (quarters)",
    );
    expect(usageErrorOf(["run", "s.yaml", "--ticks", "--firms", "20"])).toMatch(/^--ticks needs a value/);
    expect(usageErrorOf(["run", "s.yaml", "--ticks="])).toMatch(/^--ticks needs a value/);
    expect(usageErrorOf(["run", "s.yaml", "--out"])).toBe("--out needs a value");
    expect(usageErrorOf(["run", "s.yaml", "--outputs", "--force"])).toBe("--outputs needs a value");
  });

  it("a repeated flag is an error that says so (was 'a list of 2 has the wrong type')", () => {
    expect(usageErrorOf(["run", "s.yaml", "--ticks", "4", "--ticks", "5"])).toBe(
      "--ticks is given twice: give it once",
    );
    expect(usageErrorOf(["run", "s.yaml", "--force", "--force", "--force"])).toBe(
      "--force is given 3 times: give it once",
    );
    expect(usageErrorOf(["run", "s.yaml", "--check-books", "--checkBooks"])).toBe(
      "--check-books is given twice: give it once",
    );
    // a list flag may be repeated
    expect(() => checkArgs(["run", "s.yaml", "--outputs", "a", "b", "--outputs", "c"], RUN)).not.toThrow();
  });

  it("numbers are decimal numbers within the parameter schema's bounds (was 'NaN is out of range')", () => {
    expect(usageErrorOf(["run", "s.yaml", "--seed", "abc"])).toBe(
      '--seed: "abc" is not a number: expected an integer in [0, 4294967295] (uint32)',
    );
    expect(usageErrorOf(["run", "s.yaml", "--seed", "0x10"])).toMatch(/^--seed: "0x10" is not a number/);
    expect(usageErrorOf(["run", "s.yaml", "--seed=1.5"])).toMatch(/^--seed: 1\.5 is not an integer/);
    expect(usageErrorOf(["run", "s.yaml", "--firms", "1e12"])).toBe(
      "--firms: 1e12 is out of range: expected an integer in [1, 5000000] (firms)",
    );
    expect(usageErrorOf(["run", "s.yaml", "--firms", "-5"])).toMatch(/^--firms: -5 is out of range/);
    expect(usageErrorOf(["run", "s.yaml", "--ticks", "Infinity"])).toMatch(/is not a number/);
    expect(() =>
      checkArgs(["run", "s.yaml", "--ticks", "40", "--firms=1e3", "--seed", "0", "--no-force"], RUN),
    ).not.toThrow();
  });

  it("the bounds of --ticks, --firms, --seed, --replications are the schema's", () => {
    const r = flagRules();
    expect(r.ticks).toMatchObject({ kind: "integer", min: 1, max: 4000 });
    expect(r.firms).toMatchObject({ kind: "integer", min: 1, max: 5_000_000 });
    expect(r.seed).toMatchObject({ kind: "integer", min: 0, max: 4294967295 });
    expect(r.replications).toMatchObject({ kind: "integer", min: 1, max: 1_000_000 });
    expect(describeRule(r.levels)).toBe("expected an even integer in [2, 100] (grid levels)");
    expect(describeRule(r["timeout-per-run"])).toBe("expected a number > 0 (seconds)");
    expect(() => checkNumber("levels", "3")).toThrow(
      "--levels: 3 is odd: expected an even integer in [2, 100] (grid levels)",
    );
    expect(() => checkNumber("trajectories", "0")).toThrow(/^--trajectories: 0 is out of range/);
    expect(() => checkNumber("samples", "0")).toThrow(
      /^--samples: 0 is out of range: expected an integer in \[1, 1000000\]/,
    );
  });

  it("usage messages name the command and what to type", () => {
    const commands = [
      { name: "run", usage: "run <scenario> [options]" },
      { name: "compare", usage: "compare <baseline> <scenarios..> [options]" },
    ];
    expect(usageMessage("Unknown argument: frobnicate", ["frobnicate"], commands)).toBe(
      'unknown command "frobnicate": the commands are run, compare; ecosim --help describes them',
    );
    expect(usageMessage("Did you mean run?", ["rn", "x.yaml"], commands)).toMatch(
      /^unknown command "rn" \(did you mean run\?\)/,
    );
    expect(usageMessage("Unknown argument: bogus", ["run", "s.yaml", "--bogus", "1"], commands)).toBe(
      "unknown option --bogus: ecosim run --help lists the options",
    );
    expect(
      usageMessage(
        "Not enough non-option arguments: got 1, need at least 2",
        ["compare", "a.yaml"],
        commands,
      ),
    ).toBe(
      "compare needs <scenarios..>: usage: ecosim compare <baseline> <scenarios..> [options]; ecosim compare --help describes them",
    );
    expect(
      usageMessage(
        'Invalid values:\n  Argument: method, Given: "x", Choices: "morris", "sobol"',
        ["run"],
        commands,
      ),
    ).toBe('--method: "x" is not one of "morris", "sobol"');
  });
});

describe("the CLI: every usage error exits 2 with its message", () => {
  beforeAll(() => requireBuild());

  it.each([
    [
      ["run", "scenarios/baseline.yaml", "--ticks"],
      /^ecosim: --ticks needs a value: expected an integer in \[1, 4000\] \(quarters\)\n$/,
    ],
    [
      ["run", "scenarios/baseline.yaml", "--ticks", "2", "--ticks", "3"],
      /^ecosim: --ticks is given twice: give it once\n$/,
    ],
    [
      ["run", "scenarios/baseline.yaml", "--seed", "abc"],
      /^ecosim: --seed: "abc" is not a number: expected an integer in \[0, 4294967295\] \(uint32\)\n$/,
    ],
    [
      ["validate", "--firms", "1e12"],
      /^ecosim: --firms: 1e12 is out of range: expected an integer in \[1, 5000000\] \(firms\)\n$/,
    ],
    [
      ["sensitivity", "scenarios/baseline.yaml", "--method", "morris", "--levels", "3"],
      /^ecosim: --levels: 3 is odd/,
    ],
    [
      ["sensitivity", "scenarios/baseline.yaml", "--method", "morris", "--trajectories", "0"],
      /^ecosim: --trajectories: 0 is out of range/,
    ],
    [
      ["sensitivity", "scenarios/baseline.yaml", "--method", "sobol", "--samples", "0"],
      /^ecosim: --samples: 0 is out of range/,
    ],
    [["frobnicate"], /^ecosim: unknown command "frobnicate": the commands are run, sweep, /],
    [
      ["run", "scenarios/baseline.yaml", "--bogus", "1"],
      /^ecosim: unknown option --bogus: ecosim run --help lists the options\n$/,
    ],
  ])("ecosim %j", (args, message) => {
    const r = cli(args as string[]);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
  });
});
