import { enabledFlag, num, section } from "../param.js";

/** 12. Consulting and service-centre subsidy. */
export const serviceCentresParams = section(
  {
    enabled: enabledFlag("consulting and service-centre subsidy"),
    feeSubsidy: num(0.4, 0, 1, {
      description: "Share of consulting fees the government pays.",
      unit: "share of fees",
      source: "digest 000 §3.4 (Germany 40%; 50% for short engagements)",
    }),
    feePerQuarter: num(0.01, 0, 10, {
      description: "Consulting fee of a firm using the service.",
      unit: "M per quarter",
      source: "calibrated (ODD §7.15)",
    }),
    awarenessTarget: num(0.85, 0, 1, {
      description:
        "Take-up probability of other instruments by served firms (baseline: government.awareness).",
      unit: "probability",
      source: "digest 000 §2.4 (US SBDC network)",
    }),
    productivityGain: num(0.002, 0, 0.1, {
      description: "Extra productivity growth of served firms (management practice).",
      unit: "per quarter",
      source: "Bloom et al. 2013 (management consulting raises productivity ~10%), spread over years",
    }),
    useRate: num(0.1, 0, 1, {
      description: "Share of SMEs that use the service each quarter at the subsidised price.",
      unit: "share per quarter",
      source: "digest 000 §3.4 (7,052 of 39,337 contacted SMEs helped)",
    }),
  },
  "Consulting and service-centre subsidy: raises take-up of other instruments and productivity.",
);
