/**
 * The seeded generator for resampling: the same mulberry32 the scenario layer uses for its
 * designs. The analysis draws its own numbers so that a bootstrap interval is reproducible from
 * its seed and never touches the model's streams.
 */
export { uniformRng as mulberry32 } from "../scenario/seeds.js";
