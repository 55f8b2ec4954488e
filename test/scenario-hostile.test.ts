import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadScenario, parseScenarioText, ScenarioError } from "../src/scenario/index.js";
import { CLI, requireBuild } from "./engine-helpers.js";

/**
 * Hostile scenario files (issue #14, the reproducers of the reliability checks): each is a
 * located error (exit 2), quickly, without quoting what a foreign file holds.
 */

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "ecosim-hostile-"));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** The ScenarioError a call throws (fails the test if it throws nothing or something else). */
function errorOf(fn: () => unknown): ScenarioError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    expect((e as ScenarioError).exitCode).toBe(2);
    return e as ScenarioError;
  }
  throw new Error("expected a ScenarioError, got none");
}

/** Writes files into a new folder under tmp; returns the folder. */
function folder(name: string, files: Record<string, string | Buffer>): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

const nest = (depth: number, leaf: string) => `${'{"a":'.repeat(depth)}${leaf}${"}".repeat(depth)}`;

describe("nesting", () => {
  it("a child and its parent nested 1000 deep: exit 2 located (was SIGABRT in V8's regexp compiler)", () => {
    requireBuild();
    // repro/deep-nesting-abort: s.json extends p.json, both 1000 deep
    const dir = folder("deep", {
      "p.json": `{"name":"p","extends":"baseline","x":${nest(1000, "1")}}`,
      "s.json": `{"name":"c","extends":"./p.json","x":${nest(1000, "2")}}`,
    });
    const r = spawnSync(
      process.execPath,
      [CLI, "run", "s.json", "--ticks", "4", "--firms", "60", "--out", "out"],
      {
        cwd: dir,
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^ecosim: s\.json:1:\d+: x\.a\.a.*: invalid JSON: nested more than 64 levels deep/,
    );
    expect(r.stderr).not.toMatch(/FATAL|\n\s+at /);
  });

  it.each([
    [
      "JSON mapping",
      5000,
      "s.json",
      (d: number) => `{"name":"deep","extends":"baseline","x":${nest(d, "1")}}`,
    ],
    ["JSON list", 5000, "s.json", (d: number) => `{"name":"deep","x":${"[".repeat(d)}1${"]".repeat(d)}}`],
    ["YAML flow list", 5000, "s.yaml", (d: number) => `name: deep\nx: ${"[".repeat(d)}1${"]".repeat(d)}\n`],
    [
      "YAML flow mapping",
      5000,
      "s.yaml",
      (d: number) => `name: deep\nx: ${"{a: ".repeat(d)}1${"}".repeat(d)}\n`,
    ],
    [
      "YAML block mapping",
      1000,
      "s.yaml",
      (d: number) =>
        `name: deep\n${Array.from({ length: d }, (_, i) => `${" ".repeat(i)}k${i}:\n`).join("")}${" ".repeat(d)}leaf: 1\n`,
    ],
  ])("%s nested %i deep: located, before the recursive parts see it", (_, depth, file, text) => {
    const e = errorOf(() => parseScenarioText(text(depth), file));
    expect(e.message).toMatch(/^s\.(json|yaml):\d+:\d+: .*nested more than 64 levels deep/);
    // 60 levels are within the limit: the file is checked further (x is an unknown key)
    expect(errorOf(() => parseScenarioText(text(60), file)).message).not.toMatch(/nested/);
  });

  it("YAML aliases are counted (a short file cannot expand into a deep or huge value)", () => {
    let text = "name: lol\nx0: &x0 1\n";
    for (let i = 1; i < 200; i++) text += `x${i}: &x${i} [*x${i - 1}]\n`;
    expect(errorOf(() => parseScenarioText(text, "s.yaml")).message).toMatch(/^s\.yaml:1:1: invalid YAML: /);
  });
});

describe("sizes", () => {
  it("a 20,000,000-character key: rejected in well under a second (was over 30 s), the key not repeated", () => {
    // repro/fuzz-fail-2/gen.py
    const text = JSON.stringify({ name: "long", extends: "baseline", ["A".repeat(20_000_000)]: 1 });
    const t0 = performance.now();
    const e = errorOf(() => parseScenarioText(text, "s.json"));
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(e.message).toMatch(
      /^s\.json: the file has 20,000,\d{3} characters: a scenario file has at most 4,194,304$/,
    );
    // under the size limit, the key itself is the problem
    const key = JSON.stringify({ name: "long", extends: "baseline", ["A".repeat(3_000_000)]: 1 });
    const e2 = errorOf(() => parseScenarioText(key, "s.json"));
    expect(e2.message).toBe(
      "s.json:1:37: invalid JSON: a key of 3,000,000 characters: keys in a scenario have at most 256",
    );
    const yaml = `name: long\nextends: baseline\n? "${"A".repeat(1_000_000)}"\n: 1\n`;
    const e3 = errorOf(() => parseScenarioText(yaml, "s.yaml"));
    expect(e3.message).toMatch(
      /^s\.yaml:3:3: A{40}…: a key of 1,000,000 characters: keys in a scenario have at most 256$/,
    );
    expect(performance.now() - t0).toBeLessThan(10_000);
  }, 20_000);

  it("a file over 4 MiB on disk is refused before it is read; a long description is an error at it", () => {
    const dir = folder("big", { "big.yaml": `name: big\ndescription: ${"x".repeat(9 * 1024 * 1024)}\n` });
    expect(errorOf(() => loadScenario(join(dir, "big.yaml"))).message).toMatch(
      /big\.yaml: the file has 9,437,\d{3} bytes: a scenario file has at most 4,194,304$/,
    );
    const e = errorOf(() => parseScenarioText(`name: x\ndescription: ${"y".repeat(200_000)}\n`, "s.yaml"));
    expect(e.message).toBe(
      "s.yaml:2:14: description: a string of 200,000 characters: strings in a scenario have at most 100,000",
    );
  });

  it("a grid of 10^10 points is an error at the grid (was 'Invalid typed array length' in sweep)", () => {
    // ten axes of ten valid values each
    const axes = [
      "rnd.ipStrength",
      "instruments.loanGuarantee.coverage",
      "instruments.loanGuarantee.feeRate",
      "world.interestRate",
      "world.profitTaxRate",
      "world.publicSmeAccess",
      "world.publicPurchaseShare",
      "world.materialsShare",
      "instruments.grants.setAsideShare",
      "population.payoutRatio",
    ];
    const values = `[${Array.from({ length: 10 }, (_, i) => i / 1000).join(", ")}]`;
    const text = `name: g\ngrid:\n${axes.map((a) => `  ${a}: ${values}`).join("\n")}\n`;
    const t0 = performance.now();
    const e = errorOf(() => parseScenarioText(text, "g.yaml"));
    expect(e.message).toBe(
      "g.yaml:2:1: grid: 10,000,000,000 points × 1 replications = 10,000,000,000 runs: a scenario has at most 100,000,000: fewer values per axis, or sample the space with lhs or sobol",
    );
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe("both formats alike", () => {
  it("a points design with a __proto__ entry is an error at the key (was accepted, the point empty)", () => {
    // repro/fuzz-flag-1 (JSON) and fuzz-flag-2 (YAML)
    expect(
      errorOf(() =>
        parseScenarioText('{"name":"design","extends":"baseline","points":[{"__proto__":0.5}]}', "s.json"),
      ).message,
    ).toBe(
      "s.json:1:50: points[0].__proto__: is not allowed as a key: no scenario key, parameter path or design key is named so",
    );
    expect(
      errorOf(() =>
        parseScenarioText(
          "name: design\nextends: baseline\ngrid:\n  __proto__: [0.5]\n  rnd.ipStrength: [0.2]\n",
          "s.yaml",
        ),
      ).message,
    ).toBe(
      "s.yaml:4:3: grid.__proto__: is not allowed as a key: no scenario key, parameter path or design key is named so",
    );
    expect(
      errorOf(() => parseScenarioText("name: p\nextends: baseline\npoints:\n  - __proto__: 0.5\n", "s.yaml"))
        .message,
    ).toMatch(/^s\.yaml:4:5: points\[0\]\.__proto__: is not allowed/);
  });

  it("duplicate keys are an error in JSON as in YAML (JSON kept the last one)", () => {
    const json = errorOf(() =>
      parseScenarioText('{\n  "name": "dup-first",\n  "extends": "baseline",\n  "name": "b"\n}\n', "s.json"),
    );
    expect(json.message).toBe(
      "s.json:4:3: name: invalid JSON: duplicate key (first at line 2, column 3): keys must be unique in a mapping",
    );
    const nested = errorOf(() =>
      parseScenarioText('{"name":"x","instruments":{"grants":{"enabled":true,"enabled":false}}}', "s.json"),
    );
    expect(nested.message).toMatch(
      /^s\.json:1:53: instruments\.grants\.enabled: invalid JSON: duplicate key/,
    );
    const yaml = errorOf(() => parseScenarioText("name: a\nextends: baseline\nname: b\n", "s.yaml"));
    expect(yaml.message).toBe(
      "s.yaml:3:1: invalid YAML: duplicate key name: keys must be unique in a mapping",
    );
  });

  it("JSON syntax errors are located where they are (V8 gives no position for an unexpected token)", () => {
    const cases: [string, string][] = [
      ['{"name": "x",\n "seed": NaN}', "s.json:2:10: seed: invalid JSON: expected a value"],
      [
        '{"name": "x",\n "seed": 4',
        "s.json:2:11: invalid JSON: the file ends early: a mapping { is not closed",
      ],
      ["", "s.json:1:1: invalid JSON: the file is empty"],
      ['{"name": "x",}', 's.json:1:14: invalid JSON: expected a key in double quotes, found "}"'],
      [
        '{"name": "x"} x',
        's.json:1:15: invalid JSON: unexpected text after the end of the JSON value: found "x"',
      ],
      ['{"name": "a\\qb"}', "s.json:1:12: name: invalid JSON: a bad escape sequence in a string"],
      ['{"name": 01}', 's.json:1:11: invalid JSON: expected "," or "}" after a value, found "1"'],
    ];
    for (const [text, message] of cases) {
      expect(errorOf(() => parseScenarioText(text, "s.json")).message.startsWith(message), text).toBe(true);
    }
    // a byte order mark and CRLF line ends are fine
    expect(parseScenarioText('\uFEFF{"name": "bom",\r\n "extends": "baseline"}\r\n', "s.json").name).toBe(
      "bom",
    );
  });

  it("invalid UTF-8 is an error at its line and column (was replaced by U+FFFD silently)", () => {
    const dir = folder("utf8", {
      "latin1.yaml": Buffer.from("name: ok\nextends: baseline\ndescription: caf\u00e9 au lait\n", "latin1"),
      "bad.json": Buffer.concat([Buffer.from('{"name": "x'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
      "overlong.yaml": Buffer.concat([Buffer.from("name: "), Buffer.from([0xc0, 0xaf]), Buffer.from("\n")]),
      "utf16.yaml": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("name: x\n", "utf16le")]),
      "bom.yaml": "\uFEFFname: bom\nextends: baseline\ndescription: café 创新\n",
    });
    expect(errorOf(() => loadScenario(join(dir, "latin1.yaml"))).message).toBe(
      `${join(dir, "latin1.yaml")}:3:17: invalid UTF-8 (byte 0xE9 begins no UTF-8 character there; Latin-1 or another 8-bit encoding?): save the file as UTF-8`,
    );
    expect(errorOf(() => loadScenario(join(dir, "bad.json"))).message).toMatch(
      /bad\.json:1:12: invalid UTF-8 \(byte 0xC3 /,
    );
    expect(errorOf(() => loadScenario(join(dir, "overlong.yaml"))).message).toMatch(
      /overlong\.yaml:1:7: invalid UTF-8 \(byte 0xC0 /,
    );
    expect(errorOf(() => loadScenario(join(dir, "utf16.yaml"))).message).toMatch(
      /utf16\.yaml:1:1: the file is UTF-16/,
    );
    expect(loadScenario(join(dir, "bom.yaml")).description).toBe("café 创新");
  });
});

describe("names and descriptions are plain text", () => {
  it.each([
    ["an ANSI escape", "x\u001b[31mred", "a control character (U+001B) at character 2"],
    ["a carriage return", "x\r", "a line break (U+000D) at character 2"],
    ["a line feed", "x\ny", "a line break (U+000A) at character 2"],
    ["an RTL override", "x\u202Eevil\u202C", "a bidirectional control character (U+202E) at character 2"],
    ["a NUL", "a\u0000b", "a control character (U+0000) at character 2"],
    ["a C1 control", "a\u009bb", "a control character (U+009B) at character 2"],
    ["a lone surrogate", "a\uD800", "an unpaired surrogate (not valid Unicode) at character 2"],
  ])("a name with %s is an error at the name (run printed it raw)", (_, name, what) => {
    for (const file of ["s.json", "s.yaml"]) {
      const text = JSON.stringify({ name, extends: "baseline" });
      const e = errorOf(() => parseScenarioText(text, file));
      expect(e.message).toBe(`${file}:1:9: name: holds ${what}: a name is plain text on one line`);
      // the message itself is plain text
      expect([...e.message].some((c) => c < " " || c === "\u202e")).toBe(false);
    }
  });

  it("a description may have line breaks, nothing else; other scripts and marks are text", () => {
    expect(parseScenarioText('name: x\ndescription: "one\\ntwo"\n', "s.yaml").description).toBe("one\ntwo");
    expect(errorOf(() => parseScenarioText('name: x\ndescription: "a\\tb"\n', "s.yaml")).message).toBe(
      "s.yaml:2:14: description: holds a control character (U+0009) at character 2: a description is plain text (line breaks allowed)",
    );
    for (const name of ["创新型中小企业 专精特新", "مؤسسة صغيرة\u200F", "e\u0301", "😀🚀", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"]) {
      expect(parseScenarioText(JSON.stringify({ name }), "s.json").name).toBe(name);
    }
    expect(
      errorOf(() => parseScenarioText(JSON.stringify({ name: "n".repeat(201) }), "s.json")).message,
    ).toBe("s.json:1:9: name: has 201 characters: a name has at most 200");
  });

  it("messages escape control characters of what they quote (an unknown key, a file name)", () => {
    const e = errorOf(() =>
      parseScenarioText('{"name": "x", "na\\u001b[2Jme": 1}', "s\u001b]0;t\u0007.json"),
    );
    expect(e.message).toMatch(/^s\\u001B\]0;t\\u0007\.json:1:15: na\\u001B\[2Jme: unknown key \(/);
  });
});

describe("extends reads scenario files only", () => {
  const secret = "root:x:0:0:root:/root:/bin/bash TOPSECRET";

  it("a path that is not a .yaml, .yml or .json file is refused, its content unread", () => {
    const dir = folder("ext1", { passwd: `${secret}\n` });
    for (const target of [
      join(dir, "passwd"),
      "./passwd",
      "../../../../../../../../etc/passwd",
      "/proc/self/status",
      "/dev/stdin",
      "../",
    ]) {
      writeFileSync(join(dir, "s.yaml"), `name: x\nextends: ${JSON.stringify(target)}\n`);
      const e = errorOf(() => loadScenario(join(dir, "s.yaml")));
      expect(e.message).toMatch(
        /s\.yaml:2:10: extends: ".*" is not a scenario file: expected a scenario's name \(baseline\) or a path ending in \.yaml, \.yml or \.json$/,
      );
      expect(e.message).not.toContain("root:x");
    }
  });

  it("a .yaml or .json file that is not a scenario is refused without quoting it", () => {
    const dir = folder("ext2", {
      "str.yaml": `${JSON.stringify(secret)}\n`,
      "list.json": `[${JSON.stringify(secret)}]`,
      "creds.json": `{"password": ${JSON.stringify(secret)}}`,
      "creds.yaml": `apikey: ${JSON.stringify(secret)}\n`,
      "broken.json": `{"password": ${secret}}`,
      "broken.yaml": `a: !!binary |x ${secret}\n  b\n`,
    });
    const expected: Record<string, RegExp> = {
      "str.yaml":
        /s\.yaml:2:10: extends: "\.\/str\.yaml" is not a scenario file: .*str\.yaml holds a string, not a mapping of scenario keys$/,
      "list.json":
        /s\.yaml:2:10: extends: "\.\/list\.json" is not a scenario file: .*list\.json holds a list/,
      "creds.json":
        /s\.yaml:2:10: extends: "\.\/creds\.json" is not a scenario file: .*creds\.json:1:2 has a key that no scenario has$/,
      "creds.yaml":
        /s\.yaml:2:10: extends: "\.\/creds\.yaml" is not a scenario file: .*creds\.yaml:1:1 has a key that no scenario has$/,
      "broken.json": /broken\.json:1:14: invalid JSON: expected a value .*found another character$/,
      "broken.yaml": /broken\.yaml:1:\d+: invalid YAML: [a-z ]+$/,
    };
    for (const [f, re] of Object.entries(expected)) {
      writeFileSync(join(dir, "s.yaml"), `name: x\nextends: ./${f}\n`);
      const e = errorOf(() => loadScenario(join(dir, "s.yaml")));
      expect(e.message, f).toMatch(re);
      expect(e.message, f).not.toMatch(/root|TOPSECRET|password|apikey/);
    }
  });

  it("a real parent scenario is followed, its mistakes reported as before (a typo gets its did-you-mean)", () => {
    const dir = folder("ext3", {
      "p.yaml": "name: p\nextends: baseline\nticks: 12\n",
      "typo.yaml": "name: t\nextends: baseline\ntiks: 12\n",
      "P.JSON": '{"name": "upper", "extends": "baseline", "firms": 30}',
    });
    writeFileSync(join(dir, "s.yaml"), "name: x\nextends: ./p.yaml\n");
    expect(loadScenario(join(dir, "s.yaml")).params.ticks).toBe(12);
    writeFileSync(join(dir, "s.yaml"), "name: x\nextends: p\n");
    expect(loadScenario(join(dir, "s.yaml")).params.ticks).toBe(12);
    writeFileSync(join(dir, "s.yaml"), "name: x\nextends: ./P.JSON\n");
    expect(loadScenario(join(dir, "s.yaml")).params.firms).toBe(30);
    writeFileSync(join(dir, "s.yaml"), "name: x\nextends: ./typo.yaml\n");
    expect(errorOf(() => loadScenario(join(dir, "s.yaml"))).message).toBe(
      `${join(dir, "typo.yaml")}:3:1: tiks: unknown key (did you mean ticks?)`,
    );
  });
});
