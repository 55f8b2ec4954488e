import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { defaultParams } from "../src/model/params.js";
import { listParams, type ParamInfo, parseScenarioText, ScenarioError } from "../src/scenario/index.js";

const PARAMS = listParams();

function valueAt(obj: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj);
}

function setAt(obj: Record<string, unknown>, path: string, value: unknown): void {
  const segs = path.split(".");
  let node = obj;
  for (const seg of segs.slice(0, -1)) {
    node[seg] ??= {};
    node = node[seg] as Record<string, unknown>;
  }
  node[segs[segs.length - 1]] = value;
}

/** A valid value of a parameter. */
function validValue(p: ParamInfo): fc.Arbitrary<number | boolean> {
  if (p.type === "boolean") return fc.boolean();
  if (p.type === "integer") return fc.integer({ min: p.min as number, max: p.max as number });
  return fc.double({ min: p.min as number, max: p.max as number, noNaN: true, noDefaultInfinity: true });
}

/** A value the parameter rejects (wrong type, out of range, or not an integer). */
function invalidValue(p: ParamInfo): fc.Arbitrary<unknown> {
  const wrongType = fc.oneof(fc.string(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }));
  if (p.type === "boolean") return fc.oneof(wrongType, fc.integer());
  const max = p.max as number;
  const min = p.min as number;
  const options: fc.Arbitrary<unknown>[] = [
    wrongType,
    fc
      .double({ min: 1e-3, max: 1e6, noNaN: true })
      .map((d) => max + Math.max(d, Math.abs(max) * 1e-6 + 1e-9)),
    fc
      .double({ min: 1e-3, max: 1e6, noNaN: true })
      .map((d) => min - Math.max(d, Math.abs(min) * 1e-6 + 1e-9)),
  ];
  if (p.type === "integer") options.push(fc.integer({ min, max: max - 1 }).map((i) => i + 0.5));
  return fc.oneof(...options);
}

const partialScenario = fc
  .uniqueArray(fc.constantFrom(...PARAMS), { maxLength: 12, selector: (p) => p.path })
  .chain((ps) => fc.tuple(fc.constant(ps), fc.tuple(...ps.map(validValue))));

/** -0 and 0 are one value of a parameter (JSON writes -0 as 0; YAML keeps the sign). */
const signless = (x: unknown) => (x === 0 ? 0 : x);

const roundTrip = fc.property(partialScenario, fc.boolean(), ([ps, values], asJson) => {
  const defaults = defaultParams();
  const raw: Record<string, unknown> = { name: "random" };
  for (const [i, p] of ps.entries()) setAt(raw, p.path, values[i]);
  const text = asJson ? JSON.stringify(raw) : stringify(raw);
  const s = parseScenarioText(text, asJson ? "r.json" : "r.yaml");
  const set = new Map(ps.map((p, i) => [p.path, values[i]]));
  for (const p of PARAMS) {
    const expected = set.has(p.path) ? set.get(p.path) : valueAt(defaults, p.path);
    expect(signless(valueAt(s.params, p.path)), p.path).toBe(signless(expected));
  }
});

describe("scenario property tests", () => {
  it("random valid partial scenarios round-trip through YAML and JSON", () => {
    fc.assert(roundTrip, { numRuns: 150 });
  });

  it("the round trip holds for a -0 written as JSON (fast-check seed -1142824497, was flaky)", () => {
    // The counterexample of issue #14: rnd.jumpMin = -0 through JSON comes back as 0.
    fc.assert(roundTrip, { seed: -1142824497, path: "79:39:0:0:0:1:1:1:1", endOnFailure: true });
  });

  it("an invalid value always gives a ScenarioError naming the file, line and path", () => {
    const pick = fc.constantFrom(...PARAMS).chain((p) => fc.tuple(fc.constant(p), invalidValue(p)));
    fc.assert(
      fc.property(pick, ([p, bad]) => {
        const raw: Record<string, unknown> = { name: "bad" };
        setAt(raw, p.path, bad);
        try {
          parseScenarioText(stringify(raw), "bad.yaml");
        } catch (e) {
          expect(e).toBeInstanceOf(ScenarioError);
          const msg = (e as ScenarioError).message;
          expect(msg).toMatch(new RegExp(`^bad\\.yaml:\\d+:\\d+: ${p.path.replace(/\./g, "\\.")}: `));
          expect(msg).toMatch(/expected (an integer|a number|true or false)/);
          return;
        }
        throw new Error(`accepted ${JSON.stringify(bad)} for ${p.path}`);
      }),
      { numRuns: 300 },
    );
  });

  it("a misspelt parameter key is named with a suggestion", () => {
    const pick = fc.constantFrom(...PARAMS.filter((p) => p.path.includes(".")));
    fc.assert(
      fc.property(pick, fc.nat(), (p, n) => {
        const segs = p.path.split(".");
        const leaf = segs[segs.length - 1];
        const at = n % leaf.length;
        const typo = leaf.slice(0, at) + leaf.slice(at + 1) || `${leaf}x`;
        if (typo === leaf) return;
        const raw: Record<string, unknown> = { name: "typo" };
        setAt(raw, [...segs.slice(0, -1), typo].join("."), 1);
        try {
          parseScenarioText(stringify(raw), "t.yaml");
        } catch (e) {
          expect(e).toBeInstanceOf(ScenarioError);
          expect((e as Error).message).toContain(
            `${[...segs.slice(0, -1), typo].join(".")}: unknown key (did you mean`,
          );
          return;
        }
        // Dropping a letter may hit another real key (rare): then the scenario is valid.
      }),
      { numRuns: 200 },
    );
  });

  it("parsing arbitrary text throws nothing but ScenarioError", () => {
    const yamlish = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            "name: x\n",
            "extends: baseline\n",
            "ticks: ",
            "world:\n  ",
            "- ",
            "[",
            "]",
            "{",
            "}",
            ": ",
            "&a ",
            "*a ",
            "!!binary ",
            "? ",
            "|\n",
            "\t",
            "'",
            '"',
            "#",
            "\n",
            "grid:\n  ticks: [",
            "lhs: {samples: ",
            "instruments: {grants: {enabled: ",
            "__proto__: 1\n",
            "constructor: {}\n",
          ),
          fc.string({ maxLength: 6 }),
          fc.integer().map(String),
        ),
        { maxLength: 20 },
      )
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 200 }), yamlish),
        fc.constantFrom("a.yaml", "a.json"),
        (text, file) => {
          try {
            parseScenarioText(text, file);
          } catch (e) {
            if (!(e instanceof ScenarioError)) throw e;
            expect(e.message).toContain(file);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
