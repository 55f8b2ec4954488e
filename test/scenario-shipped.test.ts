import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parse as parseYaml } from "yaml";
import { filterParams, formatParamsTable, paramsCommand } from "../src/cli/commands/params.js";
import { schemaText } from "../src/cli/commands/schema.js";
import { INSTRUMENT_NAMES, type InstrumentName } from "../src/model/params.js";
import { simulate } from "../src/model/simulate.js";
import {
  crnSeed,
  defaultScenariosDir,
  listParams,
  loadScenario,
  planJobs,
  scenarioJsonSchema,
} from "../src/scenario/index.js";

const DIR = defaultScenariosDir();
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".yaml"));
// INSTRUMENT_NAMES also lists the instruments section's `source` note (see the report): skip it.
const INSTRUMENTS = INSTRUMENT_NAMES.filter(
  (n): n is Exclude<InstrumentName, "source"> => (n as string) !== "source",
);
const MIXES = [
  "us-sbir",
  "germany-1983",
  "italy-1991",
  "japan",
  "eu-craft",
  "china-2003",
  "liaoning",
  "shanghai-2021",
  "srdi-2023",
];

describe("shipped scenarios", () => {
  it("are all there", () => {
    for (const name of ["baseline", "guarantee-sweep", ...MIXES]) expect(FILES).toContain(`${name}.yaml`);
  });

  it.each(FILES)("%s loads", (file) => {
    const s = loadScenario(join(DIR, file));
    expect(s.name).toBe(file.replace(/\.yaml$/, ""));
    expect(s.description?.length ?? 0).toBeGreaterThan(40);
    expect(planJobs(s).count).toBeGreaterThan(0);
  });

  it("baseline switches every instrument off", () => {
    const s = loadScenario(join(DIR, "baseline.yaml"));
    for (const name of INSTRUMENTS) expect(s.params.instruments[name].enabled).toBe(false);
    expect(s.chain).toHaveLength(1);
  });

  it.each(MIXES)("%s extends baseline, switches instruments on and cites every block", (name) => {
    const s = loadScenario(join(DIR, `${name}.yaml`));
    expect(s.chain[1]).toBe(join(DIR, "baseline.yaml"));
    expect(INSTRUMENTS.some((i) => s.params.instruments[i].enabled)).toBe(true);
    const raw = parseYaml(readFileSync(join(DIR, `${name}.yaml`), "utf8")) as Record<string, unknown>;
    expect(typeof raw.source).toBe("string");
    const blocks: [string, Record<string, unknown>][] = [];
    for (const [k, v] of Object.entries(raw)) {
      if (k === "instruments")
        blocks.push(...(Object.entries(v as object) as [string, Record<string, unknown>][]));
      else if (v !== null && typeof v === "object") blocks.push([k, v as Record<string, unknown>]);
    }
    for (const [block, body] of blocks)
      expect(typeof body.source, `${name}: ${block} has no source`).toBe("string");
  });

  it("guarantee-sweep is a 5 × 3 grid with 4 replications", () => {
    const s = loadScenario(join(DIR, "guarantee-sweep.yaml"));
    const plan = planJobs(s);
    expect(plan.points).toBe(15);
    expect(plan.replications).toBe(4);
    expect(s.params.instruments.loanGuarantee.enabled).toBe(true);
  });

  it("some mixes set the digest's figures", () => {
    const p = (name: string) => loadScenario(join(DIR, `${name}.yaml`)).params.instruments;
    expect(p("us-sbir").grants.setAsideShare).toBe(0.0125);
    expect(p("us-sbir").procurementQuota.smeShare).toBe(0.23);
    expect(p("germany-1983").rdProjectSubsidy).toMatchObject({ rate: 0.2, rateAbove: 0.075 });
    expect(p("germany-1983").rdWageSubsidy).toMatchObject({ rateEarly: 0.4, rateLate: 0.25 });
    expect(p("italy-1991").innovationInvestmentCredit).toMatchObject({ rateSmall: 0.25, rateMedium: 0.2 });
    expect(p("srdi-2023").taxCredit.superDeduction).toBe(1);
  });

  it("mixes carry the papers' figures as the papers state them (issue #16 §2)", () => {
    const p = (name: string) => loadScenario(join(DIR, `${name}.yaml`)).params;
    for (const name of MIXES) expect(p(name).government.policyStartQuarter, name).toBe(40);
    // Italy: the revolving fund's grant is 'up to 50%'; < 300 employees is the SME innovation fund's
    expect(p("italy-1991").instruments.revolvingFund).toMatchObject({ grantShare: 0.5, maxEmployees: 500 });
    expect(p("italy-1991").instruments.innovationInvestmentCredit.maxEmployees).toBe(500);
    expect(p("italy-1991").instruments.rdProjectSubsidy).toMatchObject({ rate: 0.25, maxEmployees: 299 });
    // Germany: 500k DM per project of ≥ 3 years, not per year (DM 1.95583 = 1 M)
    expect(p("germany-1983").instruments.rdProjectSubsidy.threshold).toBeCloseTo(500_000 / 1.95583e6 / 12, 3);
    // Shanghai: 2.5 bn RMB public of 10 bn in all (M at the default 2,000 initial SMEs)
    const gf = p("shanghai-2021").instruments.guidanceFund;
    expect(gf.capitalPerSme * 2000 * (1 + 1 / gf.matchRatio)).toBeCloseTo(50, 1);
    // US: capital-gains rate 60% below the pre-policy (1977) rate
    expect(p("us-sbir").instruments.vcExitPolicy.capitalGainsTaxRate).toBeCloseTo(
      0.4 * p("us-sbir").vc.capitalGainsTaxRate,
      10,
    );
    // EU: 7,052 helped of ≈ 18 million SMEs over 8 quarters, not 18% of all SMEs
    expect(p("eu-craft").instruments.serviceCentres.useRate).toBeLessThan(0.001);
    // SRDI loans are commercial-bank credit (tier benefits), Japan's paper has no guarantee
    expect(p("srdi-2023").instruments.policyBank.enabled).toBe(false);
    expect(p("japan").instruments.loanGuarantee.enabled).toBe(false);
  });

  it("guarantee-sweep's fees total at most SBA's 3.75% over a loan (≈ 12 quarters of the rate)", () => {
    const s = loadScenario(join(DIR, "guarantee-sweep.yaml"));
    const raw = parseYaml(readFileSync(join(DIR, "guarantee-sweep.yaml"), "utf8")) as {
      grid: Record<string, number[]>;
    };
    const fees = raw.grid["instruments.loanGuarantee.feeRate"];
    expect(fees.length).toBe(3);
    for (const f of fees) expect(f * s.params.credit.loanQuarters).toBeLessThanOrEqual(0.0375 + 1e-9);
  });

  it("china-2003: public money is ≈ 10% of SME R&D over the policy window (000 §3.1)", () => {
    // the default economy (2,000 SMEs, 80 quarters): the grant budget is calibrated to it
    const s = loadScenario(join(DIR, "china-2003.yaml"));
    const start = s.params.government.policyStartQuarter;
    expect(start).toBe(40);
    const r = simulate(s.params, crnSeed(s.seed, 0));
    let pub = 0;
    let rd = 0;
    for (let t = start; t < s.params.ticks; t++) {
      pub += r.series.rdPublic[t];
      rd += r.series.smeRd[t];
    }
    expect(rd).toBeGreaterThan(0);
    expect(pub / rd).toBeGreaterThan(0.08);
    expect(pub / rd).toBeLessThan(0.12);
  });
});

/** A validator for the JSON Schema keywords ecosim's schema uses (enough to check the shipped files). */
function validate(schema: Record<string, unknown>, value: unknown, path = "$"): string[] {
  const errs: string[] = [];
  if (schema.anyOf) {
    const ok = (schema.anyOf as Record<string, unknown>[]).some((s) => validate(s, value, path).length === 0);
    return ok ? [] : [`${path}: matches no alternative`];
  }
  const type = schema.type as string | undefined;
  const isObj = value !== null && typeof value === "object" && !Array.isArray(value);
  if (type === "object" && !isObj) return [`${path}: not an object`];
  if (type === "array" && !Array.isArray(value)) return [`${path}: not an array`];
  if (type === "string" && typeof value !== "string") return [`${path}: not a string`];
  if (type === "boolean" && typeof value !== "boolean") return [`${path}: not a boolean`];
  if ((type === "number" || type === "integer") && typeof value !== "number")
    return [`${path}: not a number`];
  if (type === "integer" && !Number.isInteger(value)) return [`${path}: not an integer`];
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) errs.push(`${path}: below minimum`);
    if (typeof schema.maximum === "number" && value > schema.maximum) errs.push(`${path}: above maximum`);
  }
  if (isObj) {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in obj)) errs.push(`${path}.${r}: required`);
    const names = schema.propertyNames as { enum?: string[] } | undefined;
    for (const [k, v] of Object.entries(obj)) {
      if (names?.enum && !names.enum.includes(k)) errs.push(`${path}.${k}: name not allowed`);
      if (props[k]) errs.push(...validate(props[k], v, `${path}.${k}`));
      else if (schema.additionalProperties === false) errs.push(`${path}.${k}: unknown`);
      else if (typeof schema.additionalProperties === "object") {
        errs.push(...validate(schema.additionalProperties as Record<string, unknown>, v, `${path}.${k}`));
      }
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems)
      errs.push(`${path}: too short`);
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems) errs.push(`${path}: too long`);
    if (Array.isArray(schema.items)) {
      value.forEach((v, i) => {
        const item = (schema.items as Record<string, unknown>[])[i];
        if (item) errs.push(...validate(item, v, `${path}[${i}]`));
      });
    } else if (schema.items) {
      value.forEach((v, i) => {
        errs.push(...validate(schema.items as Record<string, unknown>, v, `${path}[${i}]`));
      });
    }
  }
  return errs;
}

describe("JSON Schema", () => {
  const schema = scenarioJsonSchema();

  it("validates every shipped scenario file", () => {
    for (const f of FILES) {
      const raw = parseYaml(readFileSync(join(DIR, f), "utf8"));
      expect(validate(schema, raw), f).toEqual([]);
    }
  });

  it("rejects what the loader rejects", () => {
    expect(validate(schema, { name: "x", tiks: 3 })).toEqual(["$.tiks: unknown"]);
    expect(validate(schema, { name: "x", instruments: { loanGuarantee: { coverage: 1.5 } } })).toEqual([
      "$.instruments.loanGuarantee.coverage: above maximum",
    ]);
    expect(validate(schema, { ticks: 3 })).toEqual(["$.name: required"]);
    expect(validate(schema, { name: "x", grid: { "world.wgae": [1] } })).toEqual([
      "$.grid.world.wgae: name not allowed",
    ]);
    expect(
      validate(schema, { name: "x", lhs: { samples: 3, ranges: { "world.wage": [0.01, 0.02] } } }),
    ).toEqual([]);
  });

  it("describes every parameter path with its unit", () => {
    for (const p of listParams()) {
      let node = schema as Record<string, unknown>;
      for (const seg of p.path.split("."))
        node = (node.properties as Record<string, Record<string, unknown>>)[seg];
      expect(node, p.path).toBeDefined();
      expect(node.unit).toBe(p.unit);
      expect(node.default).toBe(p.default);
      expect(String(node.markdownDescription)).toContain(`Unit: ${p.unit}.`);
    }
    expect(JSON.parse(schemaText())).toEqual(schema);
    const names = (schema.properties as Record<string, Record<string, unknown>>).grid.propertyNames as {
      enum: string[];
    };
    expect(names.enum).toEqual(listParams().map((p) => p.path));
  });

  it("the shipped schema file (the one scenarios point editors to) accepts every shipped scenario", () => {
    // Regenerate after changing src/model/params.ts: ecosim schema --out scenarios/schema/scenario.schema.json
    const shipped = JSON.parse(readFileSync(join(DIR, "schema", "scenario.schema.json"), "utf8"));
    expect(shipped.title).toBe("ecosim scenario");
    for (const f of FILES) {
      expect(readFileSync(join(DIR, f), "utf8")).toMatch(
        /^# yaml-language-server: \$schema=\.\/schema\/scenario\.schema\.json\n/,
      );
      expect(validate(shipped, parseYaml(readFileSync(join(DIR, f), "utf8"))), f).toEqual([]);
    }
    expect(validate(shipped, { name: "x", tiks: 1 })).toEqual(["$.tiks: unknown"]);
  });
});

describe("params command", () => {
  afterEach(() => vi.restoreAllMocks());

  it("lists every leaf with type, unit, bounds and source", () => {
    const params = listParams();
    expect(params.length).toBeGreaterThan(150);
    expect(params.some((p) => p.path.endsWith(".source") || p.path === "source")).toBe(false);
    const cov = params.find((p) => p.path === "instruments.loanGuarantee.coverage");
    expect(cov).toMatchObject({ type: "number", unit: "share of loss", default: 0.8, min: 0, max: 1 });
    expect(params.find((p) => p.path === "ticks")).toMatchObject({ type: "integer", min: 1, max: 4000 });
    expect(params.find((p) => p.path === "instruments.grants.enabled")).toMatchObject({
      type: "boolean",
      default: false,
    });
    for (const p of params) {
      expect(p.unit, p.path).not.toBe("");
      expect(p.source, p.path).not.toBe("");
      expect(p.description, p.path).not.toBe("");
    }
  });

  it("prints an aligned table grouped by section, with every path", () => {
    const table = formatParamsTable(listParams());
    for (const p of listParams()) expect(table).toContain(`\n${p.path} `);
    expect(table).toContain("\n# world\n");
    expect(table).toContain("\n# instruments.loanGuarantee\n");
    const rows = table.split("\n").filter((l) => l.startsWith("instruments.loanGuarantee."));
    const col = rows.map((r) => r.search(/ {2}\S/));
    expect(new Set(col).size).toBe(1);
    expect(table).toMatch(/instruments\.loanGuarantee\.coverage\s+0\.8\s+\[0, 1\]\s+share of loss\s+SBA/);
  });

  it("filters and prints JSON", () => {
    expect(filterParams(listParams(), "LOANGUARANTEE").map((p) => p.path)).toContain(
      "instruments.loanGuarantee.coverage",
    );
    expect(filterParams(listParams(), "zzz-no-such")).toEqual([]);
    expect(formatParamsTable([])).toBe("No parameter matches.\n");
    let out = "";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    const handler = paramsCommand.handler as (args: { json: boolean; filter?: string }) => void;
    handler({ json: true, filter: "ticks" });
    expect(JSON.parse(out)).toEqual([expect.objectContaining({ path: "ticks", unit: "quarters" })]);
  });
});
