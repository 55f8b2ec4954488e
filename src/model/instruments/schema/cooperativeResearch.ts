import { enabledFlag, num, section } from "../../param.js";

/** 11. Subsidy on university–industry cooperative and commissioned research. */
export const cooperativeResearchParams = section(
  {
    enabled: enabledFlag("cooperative research subsidy"),
    costShare: num(0.5, 0, 1, {
      description:
        "Share of a joint project's cost (universities.projectShare of the firm's R&D) paid by the government.",
      unit: "share of project cost",
      source: "digest 000 §2.3 (EU CRAFT 75% or 50%); digest 000 §3.4 (commissioned research 30%)",
    }),
    takeUpElasticity: num(1.5, 0, 10, {
      description: "Elasticity of the collaboration rate to the firm's share of the cost.",
      unit: "1",
      source: "calibrated (ODD §7.14)",
    }),
    maxEmployees: num(500, 1, 1e6, {
      description: "Size eligibility.",
      unit: "employees",
      source: "digest 000 §2.1 (STTR small firms)",
    }),
  },
  "Cooperative research subsidy (STTR, EU CRAFT, commissioned research).",
);
