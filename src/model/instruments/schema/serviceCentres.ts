import { enabledFlag, num, section } from "../../param.js";

/** 12. Consulting and service-centre subsidy. */
export const serviceCentresParams = section(
  {
    enabled: enabledFlag("consulting and service-centre subsidy"),
    feeSubsidy: num(0.5, 0, 1, {
      description: "Share of consulting fees the government pays.",
      unit: "share of fees",
      source: "digest 000 §3.4 (Germany: 50% for engagements of ≤ 15 days, 40% for longer ones)",
    }),
    feePerQuarter: num(0.004, 0, 10, {
      description: "Consulting fee of a firm using the service.",
      unit: "M per quarter",
      source:
        "a short engagement (digest 000 §3.4: ≤ 15 days) over the 4 client quarters: 15 days × ≈ 0.001 M a day (assumed day rate ≈ €1,000, with M ≈ €1 M: the model's SME sales per employee ≈ 0.13 M a year); ODD §7.15",
    }),
    awarenessTarget: num(0.85, 0, 1, {
      description:
        "Take-up probability of other instruments by served firms (baseline: government.awareness).",
      unit: "probability",
      source: "digest 000 §2.4 (US SBDC network)",
    }),
    productivityGain: num(0.002, 0, 0.1, {
      description:
        "Extra productivity growth of served firms (management practice; a capability of the firm that technology diffusion does not close).",
      unit: "per quarter",
      source: "Bloom et al. 2013 (management consulting raises productivity ~10%), spread over years",
    }),
    managementDecay: num(0.02, 0, 1, {
      description: "Share of the management-practice gain a firm loses each quarter (practices dropped).",
      unit: "per quarter",
      source:
        "Bloom et al. 2020 (about half the practices adopted were dropped within 8 years: 1 − 0.5^(1/32))",
    }),
    useRate: num(0.1, 0, 1, {
      description: "Share of SMEs that use the service each quarter at the subsidised price.",
      unit: "share per quarter",
      source: "digest 000 §3.4 (7,052 of 39,337 contacted SMEs helped)",
    }),
  },
  "Consulting and service-centre subsidy: raises take-up of other instruments and productivity.",
);
