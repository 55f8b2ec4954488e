import { describe, expect, it } from "vitest";
import {
  crnSeed,
  deriveSeed,
  designPointAt,
  designPointCount,
  type LhsDesign,
  lhsUnitPoint,
  listParams,
  parseScenarioText,
  planJobs,
  ScenarioError,
  SOBOL_MAX_PARAMS,
  type SobolDesign,
  sobolMeta,
  sobolPoint,
  sobolRole,
} from "../src/scenario/index.js";

const parse = (text: string) => parseScenarioText(text, "d.yaml");

function errorMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as Error).message;
  }
  throw new Error("expected a ScenarioError");
}

describe("grid", () => {
  const s = parse(
    "name: g\ngrid:\n  instruments.loanGuarantee.coverage: [0.5, 0.75, 0.9]\n  instruments.loanGuarantee.feeRate: [0, 0.01]\n  instruments.grants.enabled: [false, true]\n",
  );
  it("is a full factorial, first axis outermost", () => {
    expect(designPointCount(s.design)).toBe(12);
    const points = Array.from({ length: 12 }, (_, i) => designPointAt(s.design, i));
    expect(points[0]).toEqual({
      "instruments.loanGuarantee.coverage": 0.5,
      "instruments.loanGuarantee.feeRate": 0,
      "instruments.grants.enabled": false,
    });
    expect(points[1]["instruments.grants.enabled"]).toBe(true);
    expect(points[2]["instruments.loanGuarantee.feeRate"]).toBe(0.01);
    expect(points[4]["instruments.loanGuarantee.coverage"]).toBe(0.75);
    const keys = new Set(points.map((p) => JSON.stringify(p)));
    expect(keys.size).toBe(12);
  });
  it("checks paths and values against the parameters", () => {
    expect(errorMessage(() => parse("name: g\ngrid:\n  instruments.loanGuarantee.coverag: [0.5]\n"))).toBe(
      "d.yaml:3:3: grid.instruments.loanGuarantee.coverag: unknown parameter path (did you mean instruments.loanGuarantee.coverage?)",
    );
    expect(errorMessage(() => parse("name: g\ngrid:\n  ticks: [10, 0.5]\n"))).toBe(
      "d.yaml:3:15: grid.ticks[1]: 0.5 is not an integer: expected an integer in [1, 4000] (quarters)",
    );
    expect(
      errorMessage(() => parse("name: g\ngrid:\n  instruments.loanGuarantee.coverage: [2]\n")),
    ).toContain(
      "grid.instruments.loanGuarantee.coverage[0]: 2 is out of range: expected a number in [0, 1] (share of loss)",
    );
    expect(errorMessage(() => parse("name: g\ngrid:\n  instruments.grants.enabled: [1]\n"))).toContain(
      "grid.instruments.grants.enabled[0]: 1 has the wrong type: expected true or false",
    );
    expect(errorMessage(() => parse("name: g\ngrid:\n  ticks: []\n"))).toContain(
      "grid.ticks: a list of 0 is empty",
    );
    expect(errorMessage(() => parse('name: g\ngrid:\n  ticks: ["a"]\n'))).toContain(
      'grid.ticks[0]: "a" has the wrong type: expected a number, or true/false',
    );
  });
  it("only one design per file", () => {
    expect(errorMessage(() => parse("name: g\ngrid: {ticks: [1]}\npoints: [{ticks: 2}]\n"))).toContain(
      "d.yaml:3:1: points: cannot be combined with grid",
    );
  });
});

describe("points", () => {
  it("runs the listed points in order and checks them", () => {
    const s = parse(
      "name: p\npoints:\n  - {ticks: 10}\n  - {ticks: 20, instruments.grants.enabled: true}\n  - {}\n",
    );
    expect(designPointCount(s.design)).toBe(3);
    expect(designPointAt(s.design, 1)).toEqual({ ticks: 20, "instruments.grants.enabled": true });
    expect(designPointAt(s.design, 2)).toEqual({});
    expect(errorMessage(() => parse("name: p\npoints:\n  - {tiks: 10}\n"))).toContain(
      "d.yaml:3:6: points[0].tiks: unknown parameter path (did you mean ticks?)",
    );
  });
});

describe("Latin hypercube", () => {
  const text =
    "name: l\nlhs:\n  samples: 50\n  ranges:\n    instruments.loanGuarantee.coverage: [0.2, 0.9]\n    world.wage: [0.01, 0.02]\n    ticks: [10, 60]\n";
  const s = parse(text);
  const d = s.design as LhsDesign;

  it("puts one sample in each stratum of every dimension", () => {
    expect(designPointCount(d)).toBe(50);
    for (let dim = 0; dim < 3; dim++) {
      const strata = Array.from({ length: 50 }, (_, i) => Math.floor(lhsUnitPoint(d, i)[dim] * 50)).sort(
        (a, b) => a - b,
      );
      expect(strata).toEqual(Array.from({ length: 50 }, (_, i) => i));
    }
    for (let i = 0; i < 50; i++) {
      const p = designPointAt(d, i);
      const cov = p["instruments.loanGuarantee.coverage"] as number;
      expect(cov).toBeGreaterThanOrEqual(0.2);
      expect(cov).toBeLessThan(0.9);
      expect(Math.floor(((cov - 0.2) / 0.7) * 50)).toBe(Math.floor(lhsUnitPoint(d, i)[0] * 50));
      expect(Number.isInteger(p.ticks)).toBe(true);
      expect(p.ticks as number).toBeGreaterThanOrEqual(10);
      expect(p.ticks as number).toBeLessThanOrEqual(60);
    }
  });
  it("is reproducible and depends on the seed", () => {
    expect(designPointAt(parse(text).design, 7)).toEqual(designPointAt(d, 7));
    const other = parse(`${text}seed: 2\n`);
    expect(designPointAt(other.design, 7)).not.toEqual(designPointAt(d, 7));
  });
  it("rejects booleans, reversed ranges and ranges beyond the bounds", () => {
    expect(
      errorMessage(() => parse("name: l\nlhs: {samples: 5, ranges: {instruments.grants.enabled: [0, 1]}}\n")),
    ).toContain("lhs.ranges.instruments.grants.enabled: is an on/off parameter");
    expect(
      errorMessage(() => parse("name: l\nlhs: {samples: 5, ranges: {world.wage: [0.02, 0.01]}}\n")),
    ).toContain("lhs.ranges.world.wage: [0.02, 0.01] is empty: expected low < high");
    expect(
      errorMessage(() => parse("name: l\nlhs: {samples: 5, ranges: {world.wage: [0, 0.01]}}\n")),
    ).toContain(
      "lhs.ranges.world.wage[0]: 0 is out of range: expected a number in [0.0001, 10] (M per worker-quarter)",
    );
    expect(
      errorMessage(() => parse("name: l\nlhs: {samples: 0, ranges: {world.wage: [0.01, 0.02]}}\n")),
    ).toContain("lhs.samples: 0 is out of range: expected an integer in [1, 1000000] (samples)");
    expect(errorMessage(() => parse("name: l\nlhs: {samples: 5, ranges: {world.wage: [0.01]}}\n"))).toContain(
      "lhs.ranges.world.wage",
    );
  });
});

describe("Sobol' / Saltelli", () => {
  it("the sequence is stratified in every dimension (first 2^m points)", () => {
    const m = 7;
    const n = 2 ** m;
    for (let dim = 0; dim < 52; dim++) {
      const strata = Array.from({ length: n }, (_, i) => Math.floor(sobolPoint(i, 52)[dim] * n)).sort(
        (a, b) => a - b,
      );
      expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });
  it("the first two dimensions form a (0, m, 2)-net: every 2^a × 2^(m−a) box holds one point", () => {
    const m = 6;
    const n = 2 ** m;
    const pts = Array.from({ length: n }, (_, i) => sobolPoint(i, 2));
    for (let a = 0; a <= m; a++) {
      const boxes = new Set(pts.map(([x, y]) => `${Math.floor(x * 2 ** a)},${Math.floor(y * 2 ** (m - a))}`));
      expect(boxes.size).toBe(n);
    }
  });
  it("has N·(k+2) points in blocks A, B, AB_i with AB_i = A except column i from B", () => {
    const s = parse(
      "name: s\nsobol:\n  samples: 16\n  ranges:\n    world.wage: [0.01, 0.02]\n    ticks: [10, 40]\n    instruments.loanGuarantee.coverage: [0, 1]\n",
    );
    const d = s.design as SobolDesign;
    const meta = sobolMeta(d);
    expect(meta).toEqual({
      params: ["world.wage", "ticks", "instruments.loanGuarantee.coverage"],
      N: 16,
      k: 3,
      blockSize: 5,
    });
    expect(designPointCount(d)).toBe(16 * 5);
    for (let j = 0; j < 16; j++) {
      const A = designPointAt(d, j * 5);
      const B = designPointAt(d, j * 5 + 1);
      expect(sobolRole(d, j * 5)).toEqual({ sample: j, matrix: "A" });
      expect(sobolRole(d, j * 5 + 1)).toEqual({ sample: j, matrix: "B" });
      for (let i = 0; i < 3; i++) {
        expect(sobolRole(d, j * 5 + 2 + i)).toEqual({ sample: j, matrix: "AB", column: i });
        const AB = designPointAt(d, j * 5 + 2 + i);
        meta.params.forEach((p, c) => {
          expect(AB[p]).toBe(c === i ? B[p] : A[p]);
        });
      }
      expect(Number.isInteger(A.ticks)).toBe(true);
      // Point 1 of the sequence is the centre in every dimension, so A_0 = B_0; later ones differ.
      if (j > 0) expect(meta.params.some((p) => A[p] !== B[p])).toBe(true);
    }
  });
  it("limits k to the direction-number table", () => {
    const numeric = listParams().filter((p) => p.type !== "boolean" && (p.min as number) < (p.max as number));
    const ranges = (k: number) =>
      numeric
        .slice(0, k)
        .map((p) => `    ${p.path}: [${p.min}, ${p.max}]`)
        .join("\n");
    const ok = parseScenarioText(
      `name: s\nsobol:\n  samples: 4\n  ranges:\n${ranges(SOBOL_MAX_PARAMS)}\n`,
      "d.yaml",
    );
    expect(designPointCount(ok.design)).toBe(4 * (SOBOL_MAX_PARAMS + 2));
    expect(SOBOL_MAX_PARAMS).toBe(26);
    expect(
      errorMessage(() =>
        parseScenarioText(`name: s\nsobol:\n  samples: 4\n  ranges:\n${ranges(27)}\n`, "d.yaml"),
      ),
    ).toBe("d.yaml:5:5: sobol.ranges: has 27 parameters: expected at most 26 (Joe–Kuo table)");
  });
});

describe("seeds", () => {
  it("deriveSeed is a stable uint32 that tells its parts apart", () => {
    expect(deriveSeed("a", 1)).toBe(deriveSeed("a", 1));
    expect(deriveSeed("1")).not.toBe(deriveSeed(1));
    expect(deriveSeed("ab", "c")).not.toBe(deriveSeed("a", "bc"));
    expect(deriveSeed(0)).toBe(deriveSeed(-0));
    // Pinned: the derivation must never change, or old results stop being reproducible.
    expect(deriveSeed("ecosim", 1, 2)).toBe(deriveSeed("ecosim", 1, 2));
    const v = deriveSeed("x");
    expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true);
    expect(() => deriveSeed(Number.NaN)).toThrow(RangeError);
  });
  it("deriveSeed spreads: no collisions among 20,000 neighbours and uniform high bits", () => {
    const seen = new Set<number>();
    const buckets = new Array(16).fill(0);
    for (let i = 0; i < 20000; i++) {
      const s = deriveSeed("hash", i, 0);
      seen.add(s);
      buckets[s >>> 28]++;
    }
    expect(seen.size).toBe(20000);
    for (const b of buckets) expect(Math.abs(b - 1250)).toBeLessThan(200);
  });
  it("crnSeed depends on the base seed and replication only", () => {
    expect(crnSeed(7, 3)).toBe(crnSeed(7, 3));
    expect(crnSeed(7, 3)).not.toBe(crnSeed(7, 4));
    expect(crnSeed(7, 3)).not.toBe(crnSeed(8, 3));
  });
});

describe("jobs", () => {
  const sweep = parse(
    "name: j\nreplications: 3\ngrid:\n  ticks: [10, 20, 30, 40]\n  instruments.grants.enabled: [false, true]\n",
  );

  it("enumerates points × replications, point-major, with sortable ids", () => {
    const plan = planJobs(sweep);
    expect(plan).toMatchObject({ count: 24, points: 8, replications: 3, scenarioHash: sweep.hash });
    const jobs = Array.from({ length: plan.count }, (_, i) => plan.jobAt(i));
    expect(jobs[4]).toMatchObject({ id: "p000001-r0001", index: 4, pointIndex: 1, replication: 1 });
    expect(jobs.map((j) => j.id)).toEqual([...jobs.map((j) => j.id)].sort());
    // common random numbers: one seed per replication, shared by the 8 points
    expect(new Set(jobs.map((j) => j.seed)).size).toBe(3);
    expect(jobs[4].seed).toBe(crnSeed(sweep.seed, 1));
    expect(plan.paramsFor(jobs[23]).ticks).toBe(40);
    expect(plan.paramsFor(jobs[23]).instruments.grants.enabled).toBe(true);
    expect(sweep.params.instruments.grants.enabled).toBe(false);
    expect(() => plan.jobAt(24)).toThrow(RangeError);
  });

  it("jobAt is stable across plans and independent of call order", () => {
    const a = planJobs(sweep);
    const b = planJobs(
      parse(
        "name: other-name\nreplications: 3\ngrid:\n  ticks: [10, 20, 30, 40]\n  instruments.grants.enabled: [false, true]\n",
      ),
    );
    expect(b.jobAt(17)).toEqual(a.jobAt(17));
    expect(a.jobAt(3)).toEqual(a.jobAt(3));
  });

  it("shards are disjoint and cover every job exactly once", () => {
    const whole = planJobs(sweep);
    for (const n of [1, 2, 5, 7, 24, 30]) {
      const ids: string[] = [];
      for (let k = 1; k <= n; k++) {
        const shard = planJobs(sweep, { shard: { k, n } });
        for (let i = 0; i < shard.count; i++) {
          const job = shard.jobAt(i);
          expect(job).toEqual(whole.jobAt(job.index));
          ids.push(job.id);
        }
      }
      expect(ids.sort()).toEqual(Array.from({ length: 24 }, (_, i) => whole.jobAt(i).id).sort());
    }
    expect(() => planJobs(sweep, { shard: { k: 0, n: 4 } })).toThrow(ScenarioError);
    expect(() => planJobs(sweep, { shard: { k: 5, n: 4 } })).toThrow("--shard");
  });

  it("a scenario without a design uses common random numbers", () => {
    const a = parse("name: a\nseed: 7\nreplications: 2\n");
    const b = parse("name: b\nseed: 7\nreplications: 2\ninstruments:\n  grants:\n    enabled: true\n");
    const pa = planJobs(a);
    const pb = planJobs(b);
    expect(pa.count).toBe(2);
    expect(pa.jobAt(1).seed).toBe(crnSeed(7, 1));
    expect(pb.jobAt(1).seed).toBe(pa.jobAt(1).seed);
    expect(pa.jobAt(0).point).toEqual({});
    expect(pa.paramsFor(pa.jobAt(0))).toEqual(a.params);
  });

  it("common random numbers: every point gets the same seed per replication, replications differ", () => {
    expect(sweep.commonRandomNumbers).toBe(true);
    const plan = planJobs(sweep);
    const seedOf = (p: number, r: number) => plan.jobAt(p * plan.replications + r).seed;
    for (let r = 0; r < 3; r++) {
      expect(seedOf(2, r)).toBe(seedOf(5, r)); // ticks 20 / grants on vs ticks 40 / grants off
      for (let p = 0; p < plan.points; p++) expect(seedOf(p, r)).toBe(crnSeed(sweep.seed, r));
    }
    expect(new Set([0, 1, 2].map((r) => seedOf(3, r))).size).toBe(3);
    // the seeds `compare` and `run` use for the same base seed, whatever the design
    const noDesign = planJobs(parse("name: n\nreplications: 3\n"));
    expect(seedOf(7, 2)).toBe(noDesign.jobAt(2).seed);
    // points and LHS designs too; the parameters still differ between points
    const pts = planJobs(parse("name: p\nreplications: 2\npoints:\n  - { ticks: 8 }\n  - { ticks: 9 }\n"));
    expect(pts.jobAt(0).seed).toBe(pts.jobAt(2).seed);
    expect(pts.paramsFor(pts.jobAt(0)).ticks).toBe(8);
    expect(pts.paramsFor(pts.jobAt(2)).ticks).toBe(9);
    const lhs = planJobs(parse("name: l\nlhs:\n  samples: 4\n  ranges:\n    world.wage: [0.01, 0.02]\n"));
    expect(new Set([0, 1, 2, 3].map((i) => lhs.jobAt(i).seed)).size).toBe(1);
  });

  it("commonRandomNumbers: false gives the per-point seeds of older sweeps", () => {
    const text =
      "name: j\nreplications: 3\ngrid:\n  ticks: [10, 20, 30, 40]\n  instruments.grants.enabled: [false, true]\n";
    const off = parse(`${text}commonRandomNumbers: false\n`);
    expect(off.commonRandomNumbers).toBe(false);
    // the option decides seeds, not parameters: the scenario hash is that of the old file
    expect(off.hash).toBe(sweep.hash);
    const plan = planJobs(off);
    const jobs = Array.from({ length: plan.count }, (_, i) => plan.jobAt(i));
    expect(new Set(jobs.map((j) => j.seed)).size).toBe(24);
    for (const j of jobs) expect(j.seed).toBe(deriveSeed(sweep.hash, j.pointIndex, j.replication));
    expect(plan.paramsFor(jobs[23])).toEqual(planJobs(sweep).paramsFor(planJobs(sweep).jobAt(23)));
    expect(errorMessage(() => parse(`${text}commonRandomNumbers: 1\n`))).toMatch(
      /^d\.yaml:6:\d+: commonRandomNumbers: 1 has the wrong type/,
    );
  });

  it("a reference point must be one point of a grid or points design", () => {
    const grid =
      "name: r\ngrid:\n  instruments.loanGuarantee.coverage: [0.5, 0.75]\n  instruments.loanGuarantee.feeRate: [0, 0.01]\n";
    const ok = parse(
      `${grid}reference: { instruments.loanGuarantee.coverage: 0.75, instruments.loanGuarantee.feeRate: 0 }\n`,
    );
    expect(ok.reference).toEqual({
      index: 2,
      point: { "instruments.loanGuarantee.coverage": 0.75, "instruments.loanGuarantee.feeRate": 0 },
    });
    expect(parse(grid).reference).toBeUndefined();
    // not part of the hash: it changes the report, not a run
    expect(ok.hash).toBe(parse(grid).hash);
    expect(
      errorMessage(() => parse(`${grid}reference: { instruments.loanGuarantee.coverage: 0.75 }\n`)),
    ).toMatch(/reference: instruments.loanGuarantee.coverage = 0.75 matches more than one point/);
    expect(
      errorMessage(() =>
        parse(
          `${grid}reference: { instruments.loanGuarantee.coverage: 0.6, instruments.loanGuarantee.feeRate: 0 }\n`,
        ),
      ),
    ).toMatch(/matches no point of the design/);
    expect(errorMessage(() => parse(`${grid}reference: { ticks: 8 }\n`))).toMatch(
      /reference\.ticks: is not varied by the design: expected one of instruments\.loanGuarantee\.coverage, instruments\.loanGuarantee\.feeRate/,
    );
    expect(errorMessage(() => parse("name: r\nreference: { ticks: 8 }\n"))).toMatch(
      /reference: needs a design/,
    );
    // a points design: a path a point does not list has the scenario's value
    const pts = parse(
      "name: p\nticks: 12\npoints:\n  - { ticks: 8 }\n  - { firms: 50 }\nreference: { ticks: 12 }\n",
    );
    expect(pts.reference?.index).toBe(1);
    // the reference belongs to its design: a child's new design drops the parent's reference
    const files: Record<string, string> = {
      "/s/parent.yaml": `${grid}reference: { instruments.loanGuarantee.coverage: 0.75, instruments.loanGuarantee.feeRate: 0 }\n`,
    };
    const child = (body: string) =>
      parseScenarioText(`name: c\nextends: parent\n${body}`, "/s/child.yaml", { readFile: (f) => files[f] });
    expect(child("").reference?.index).toBe(2);
    expect(child("grid:\n  ticks: [8, 9]\n").reference).toBeUndefined();
  });

  it("handles large plans without storing jobs", () => {
    const big = parse(
      "name: big\nreplications: 1000\nlhs:\n  samples: 100000\n  ranges:\n    world.wage: [0.01, 0.02]\n",
    );
    const plan = planJobs(big, { shard: { k: 3, n: 64 } });
    expect(planJobs(big).count).toBe(100_000_000);
    const last = plan.jobAt(plan.count - 1);
    expect(last.index % 64).toBe(2);
    expect(last.id).toMatch(/^p\d{6}-r\d{4}$/);
  });
});
