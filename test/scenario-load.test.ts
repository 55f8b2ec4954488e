import { describe, expect, it } from "vitest";
import { defaultParams } from "../src/model/params.js";
import {
  applyOverrides,
  didYouMean,
  levenshtein,
  loadScenario,
  parseScenarioText,
  ScenarioError,
  setParamPath,
} from "../src/scenario/index.js";

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

const parse = (text: string, file = "scenarios/x.yaml") => parseScenarioText(text, file);

/** An in-memory file system for extends chains. */
function memFs(files: Record<string, string>) {
  return { readFile: (f: string) => files[f], scenariosDir: "/shipped" };
}

describe("scenario files: errors", () => {
  it("out of range: file, line:col, path, value, range and unit", () => {
    const e = errorOf(() =>
      parse("name: x\nextends: baseline\ninstruments:\n  loanGuarantee:\n    coverage: 1.5\n"),
    );
    expect(e.message).toBe(
      "scenarios/x.yaml:5:15: instruments.loanGuarantee.coverage: 1.5 is out of range: expected a number in [0, 1] (share of loss)",
    );
    expect(e.issues[0]).toMatchObject({ file: "scenarios/x.yaml", line: 5, col: 15 });
  });

  it("unknown top-level key with did-you-mean, at the key", () => {
    const e = errorOf(() => parse("name: x\ntiks: 40\n"));
    expect(e.message).toBe("scenarios/x.yaml:2:1: tiks: unknown key (did you mean ticks?)");
  });

  it("unknown key deep inside a section suggests a sibling", () => {
    const e = errorOf(() => parse("name: x\ninstruments:\n  grants:\n    setAside: 0.01\n"));
    expect(e.message).toBe(
      "scenarios/x.yaml:4:5: instruments.grants.setAside: unknown key (did you mean setAsideShare?)",
    );
  });

  it("unknown key with nothing close lists what is allowed", () => {
    const e = errorOf(() => parse("name: x\nnonsenseKey: 1\n"));
    expect(e.message).toContain("scenarios/x.yaml:2:1: nonsenseKey: unknown key (expected one of: name,");
  });

  it("wrong types and non-integers name the expectation", () => {
    const e = errorOf(() =>
      parse("name: x\nticks: 2.5\nfirms: many\ninstruments:\n  grants:\n    enabled: 1\n"),
    );
    expect(e.message.split("\n")).toEqual([
      "scenarios/x.yaml:2:8: ticks: 2.5 is not an integer: expected an integer in [1, 4000] (quarters)",
      'scenarios/x.yaml:3:8: firms: "many" has the wrong type: expected an integer in [1, 5000000] (firms)',
      "scenarios/x.yaml:6:14: instruments.grants.enabled: 1 has the wrong type: expected true or false (on/off)",
    ]);
  });

  it("a section given as a scalar", () => {
    const e = errorOf(() => parse("name: x\nworld: 3\n"));
    expect(e.message).toBe(
      "scenarios/x.yaml:2:8: world: 3 has the wrong type: expected a mapping of keys to values",
    );
  });

  it("seed and replications have bounds", () => {
    expect(errorOf(() => parse("name: x\nseed: -1\n")).message).toContain(
      "x.yaml:2:7: seed: -1 is out of range: expected an integer in [0, 4294967295] (uint32)",
    );
    expect(errorOf(() => parse("name: x\nreplications: 0\n")).message).toContain(
      "x.yaml:2:15: replications: 0 is out of range: expected an integer in [1, 1000000] (runs)",
    );
  });

  it("missing name, non-mapping documents", () => {
    expect(errorOf(() => parse("ticks: 10\n")).message).toBe(
      "scenarios/x.yaml:1:1: name: missing: every scenario file needs a name (a string)",
    );
    expect(errorOf(() => parse("- a\n- b\n")).message).toContain(
      "scenarios/x.yaml:1:1: a list of 2 is not a scenario",
    );
    expect(errorOf(() => parse("")).message).toContain("scenarios/x.yaml:1:1: null is not a scenario");
    expect(errorOf(() => parse("name: 3\n")).message).toBe(
      "scenarios/x.yaml:1:7: name: 3 has the wrong type: expected a string",
    );
  });

  it("invalid YAML reports yaml's position", () => {
    const e = errorOf(() => parse("name: x\nworld:\n  wage: [1, 2\n"));
    expect(e.message).toMatch(/^scenarios\/x\.yaml:\d+:\d+: invalid YAML: /);
    const dup = errorOf(() => parse("name: x\nticks: 1\nticks: 2\n"));
    expect(dup.message).toMatch(/^scenarios\/x\.yaml:3:1: invalid YAML: .*unique/);
  });

  it("invalid JSON reports line:col", () => {
    const e = errorOf(() => parse('{"name": "x",\n  "ticks": 3,\n}\n', "s/a.json"));
    expect(e.message).toMatch(/^s\/a\.json:3:1: invalid JSON: /);
    const trunc = errorOf(() => parse('{"name": "x"', "s/a.json"));
    expect(trunc.message).toMatch(/^s\/a\.json:1:\d+: invalid JSON: /);
  });

  it("JSON files get positions for schema errors too", () => {
    const e = errorOf(() => parse('{\n  "name": "x",\n  "world": { "wage": 20 }\n}\n', "s/a.json"));
    expect(e.message).toBe(
      "s/a.json:3:22: world.wage: 20 is out of range: expected a number in [0.0001, 10] (M per worker-quarter)",
    );
  });

  it("reports every problem, each on its own line, in file order", () => {
    const e = errorOf(() => parse("name: x\nworld:\n  wgae: 1\n  wage: -1\nticks: 0\n"));
    expect(e.issues.map((i) => i.path)).toEqual(["world.wgae", "world.wage", "ticks"]);
    expect(e.message.split("\n")).toHaveLength(3);
  });
});

describe("scenario files: extends", () => {
  it("a bare name resolves next to the file, then in the shipped folder", () => {
    const fs = memFs({
      "/p/child.yaml": "name: child\nextends: mid\nticks: 10\n",
      "/p/mid.yaml": "name: mid\nextends: root\nworld:\n  wage: 0.02\nticks: 20\n",
      "/shipped/root.yaml": "name: root\nworld:\n  interestRate: 0.02\n  wage: 0.03\nfirms: 50\n",
    });
    const s = loadScenario("/p/child.yaml", fs);
    expect(s.chain).toEqual(["/p/child.yaml", "/p/mid.yaml", "/shipped/root.yaml"]);
    expect(s.name).toBe("child");
    expect(s.params.ticks).toBe(10);
    expect(s.params.firms).toBe(50);
    expect(s.params.world.wage).toBe(0.02);
    expect(s.params.world.interestRate).toBe(0.02);
    expect(s.params.world.demandGrowth).toBe(defaultParams().world.demandGrowth);
  });

  it("relative paths resolve from the file's folder; JSON parents work", () => {
    const fs = memFs({
      "/p/a/child.yaml": "name: c\nextends: ../b/parent.json\n",
      "/p/b/parent.json": '{"name": "p", "seed": 9, "replications": 3}',
    });
    const s = loadScenario("/p/a/child.yaml", fs);
    expect(s.seed).toBe(9);
    expect(s.replications).toBe(3);
    expect(s.chain).toEqual(["/p/a/child.yaml", "/p/b/parent.json"]);
  });

  it("lists replace; name and description are not inherited; a child design replaces the parent's", () => {
    const fs = memFs({
      "/p/c.yaml": "name: c\nextends: p\nlhs:\n  samples: 4\n  ranges:\n    ticks: [10, 20]\n",
      "/p/p.yaml": "name: p\ndescription: parent\ngrid:\n  ticks: [1, 2, 3]\n",
      "/p/g.yaml": "name: g\nextends: p\ngrid:\n  ticks: [7]\n",
    });
    const c = loadScenario("/p/c.yaml", fs);
    expect(c.description).toBeUndefined();
    expect(c.design.kind).toBe("lhs");
    const g = loadScenario("/p/g.yaml", fs);
    expect(g.design).toEqual({ kind: "grid", axes: [{ path: "ticks", values: [7] }] });
  });

  it("an inherited bad value is reported in the parent file, at its line", () => {
    const fs = memFs({
      "/p/c.yaml": "name: c\nextends: p\nticks: 5\n",
      "/p/p.yaml": "name: p\nworld:\n  wage: 99\n",
    });
    const e = errorOf(() => loadScenario("/p/c.yaml", fs));
    expect(e.message).toBe(
      "/p/p.yaml:3:9: world.wage: 99 is out of range: expected a number in [0.0001, 10] (M per worker-quarter)",
    );
  });

  it("a child that fixes a parent's bad value is valid", () => {
    const fs = memFs({
      "/p/c.yaml": "name: c\nextends: p\nworld:\n  wage: 1\n",
      "/p/p.yaml": "name: p\nworld:\n  wage: 99\n",
    });
    expect(loadScenario("/p/c.yaml", fs).params.world.wage).toBe(1);
  });

  it("a missing target names where it looked", () => {
    const e = errorOf(() => loadScenario("/p/c.yaml", memFs({ "/p/c.yaml": "name: c\nextends: nowhere\n" })));
    expect(e.message).toContain('/p/c.yaml:2:10: extends: no scenario "nowhere": looked for /p/nowhere.yaml');
    expect(e.message).toContain("/shipped/nowhere.json");
  });

  it("a cycle is shown", () => {
    const fs = memFs({
      "/p/a.yaml": "name: a\nextends: b\n",
      "/p/b.yaml": "name: b\nextends: ./c.yaml\n",
      "/p/c.yaml": "name: c\nextends: a\n",
    });
    const e = errorOf(() => loadScenario("/p/a.yaml", fs));
    expect(e.message).toBe("/p/c.yaml:2:10: extends: cycle: /p/a.yaml → /p/b.yaml → /p/c.yaml → /p/a.yaml");
    const self = errorOf(() => loadScenario("/p/s.yaml", memFs({ "/p/s.yaml": "name: s\nextends: s\n" })));
    expect(self.message).toContain("cycle: /p/s.yaml → /p/s.yaml");
  });

  it("extends must be a string", () => {
    const e = errorOf(() => parse("name: x\nextends: [a]\n"));
    expect(e.message).toContain("scenarios/x.yaml:2:10: extends: a list of 1 has the wrong type");
  });

  it("a missing file is a ScenarioError", () => {
    expect(errorOf(() => loadScenario("/definitely/not/here.yaml")).message).toContain(
      "no such scenario file",
    );
  });

  it("`extends: baseline` reaches the shipped baseline from anywhere", () => {
    const s = parseScenarioText("name: x\nextends: baseline\n", "/tmp/elsewhere/x.yaml");
    expect(s.chain[1]).toMatch(/scenarios[/\\]baseline\.yaml$/);
    expect(s.params).toEqual(expect.objectContaining({ ticks: defaultParams().ticks }));
  });
});

describe("resolved scenarios", () => {
  it("defaults are applied and source notes stay out of params and the hash", () => {
    const a = parse("name: a\n");
    const b = parse('name: b\ndescription: other\nsource: "000 §1"\nworld:\n  source: "note"\n');
    expect(a.seed).toBe(1);
    expect(a.replications).toBe(1);
    expect(a.design).toEqual({ kind: "single" });
    expect(b.params.world).not.toHaveProperty("source");
    expect(b.hash).toBe(a.hash);
    expect(b.input).toMatchObject({ world: { source: "note" } });
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("the hash changes with params, design and seed, not with key order", () => {
    const base = parse("name: a\nticks: 10\nworld: {wage: 0.02, interestRate: 0.02}\n");
    expect(parse("name: z\nworld: {interestRate: 0.02, wage: 0.02}\nticks: 10\n").hash).toBe(base.hash);
    expect(parse("name: a\nticks: 11\nworld: {wage: 0.02, interestRate: 0.02}\n").hash).not.toBe(base.hash);
    expect(parse("name: a\nseed: 2\nticks: 10\nworld: {wage: 0.02, interestRate: 0.02}\n").hash).not.toBe(
      base.hash,
    );
    expect(parse("name: a\ngrid: {ticks: [10]}\nworld: {wage: 0.02, interestRate: 0.02}\n").hash).not.toBe(
      base.hash,
    );
  });
});

describe("overrides and setParamPath", () => {
  const s = parse("name: x\nticks: 10\n");

  it("apply checked flags and rehash", () => {
    const o = applyOverrides(s, { ticks: 20, firms: 100, replications: 5, seed: 3 });
    expect(o.params.ticks).toBe(20);
    expect(o.params.firms).toBe(100);
    expect(o.replications).toBe(5);
    expect(o.seed).toBe(3);
    expect(o.hash).not.toBe(s.hash);
    expect(s.params.ticks).toBe(10);
    expect(applyOverrides(s, {}).hash).toBe(s.hash);
  });

  it("name the flag and the range", () => {
    expect(errorOf(() => applyOverrides(s, { firms: 0 })).message).toBe(
      "--firms: 0 is out of range: expected an integer in [1, 5000000] (firms)",
    );
    expect(errorOf(() => applyOverrides(s, { ticks: 1.5 })).message).toBe(
      "--ticks: 1.5 is not an integer: expected an integer in [1, 4000] (quarters)",
    );
    expect(errorOf(() => applyOverrides(s, { replications: 0 })).message).toContain(
      "--replications: 0 is out of range",
    );
    expect(errorOf(() => applyOverrides(s, { seed: 2 ** 32 })).message).toContain(
      "--seed: 4294967296 is out of range",
    );
  });

  it("setParamPath returns a validated copy", () => {
    const p = defaultParams();
    const q = setParamPath(p, "instruments.loanGuarantee.coverage", 0.5);
    expect(q.instruments.loanGuarantee.coverage).toBe(0.5);
    expect(p.instruments.loanGuarantee.coverage).toBe(defaultParams().instruments.loanGuarantee.coverage);
    expect(setParamPath(p, "instruments.grants.enabled", true).instruments.grants.enabled).toBe(true);
    expect(errorOf(() => setParamPath(p, "instruments.loanGuarantee.coverage", 2)).message).toBe(
      "instruments.loanGuarantee.coverage: 2 is out of range: expected a number in [0, 1] (share of loss)",
    );
    expect(errorOf(() => setParamPath(p, "instruments.loanGuarantee.coverag", 0.5)).message).toContain(
      "unknown parameter path (did you mean instruments.loanGuarantee.coverage?)",
    );
    expect(errorOf(() => setParamPath(p, "world", 1)).message).toContain("unknown parameter path");
  });
});

describe("did-you-mean", () => {
  it("levenshtein distances", () => {
    expect(levenshtein("kitten", "sitting")).toBe(3);
    expect(levenshtein("", "abc")).toBe(3);
    expect(levenshtein("same", "same")).toBe(0);
  });
  it("suggests close names only", () => {
    expect(didYouMean("tiks", ["ticks", "firms"])).toBe("ticks");
    expect(didYouMean("Firms", ["ticks", "firms"])).toBe("firms");
    expect(didYouMean("zzzzzzzz", ["ticks", "firms"])).toBeUndefined();
  });
});
