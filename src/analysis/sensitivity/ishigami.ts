/**
 * The Ishigami function, the standard test of variance-based sensitivity estimators (Ishigami &
 * Homma 1990): f(x) = sin x1 + a·sin² x2 + b·x3⁴·sin x1 with x_i uniform on [−π, π]. Its Sobol
 * indices are known in closed form, so `ecosim sensitivity` and its tests check the estimators on
 * it before they are trusted on the model.
 */
export function ishigami(x: readonly number[], a = 7, b = 0.1): number {
  return Math.sin(x[0]) + a * Math.sin(x[1]) ** 2 + b * x[2] ** 4 * Math.sin(x[0]);
}

/** Maps a point of the unit cube to Ishigami's domain [−π, π]³. */
export function ishigamiFromUnit(u: readonly number[], a = 7, b = 0.1): number {
  return ishigami(
    u.map((v) => -Math.PI + 2 * Math.PI * v),
    a,
    b,
  );
}

/** Analytical first-order and total Sobol indices of the Ishigami function. */
export function ishigamiIndices(a = 7, b = 0.1): { S1: number[]; ST: number[]; variance: number } {
  const pi4 = Math.PI ** 4;
  const pi8 = Math.PI ** 8;
  const v1 = 0.5 * (1 + (b * pi4) / 5) ** 2;
  const v2 = (a * a) / 8;
  const v13 = (b * b * pi8 * 8) / 225;
  const variance = v1 + v2 + v13;
  return {
    S1: [v1 / variance, v2 / variance, 0],
    ST: [(v1 + v13) / variance, v2 / variance, v13 / variance],
    variance,
  };
}
