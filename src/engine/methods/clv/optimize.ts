// Nelder–Mead minimisation with several starts and restarts on stall. Derivative-free and
// robust for the small (3–4 parameter) likelihoods here, which are minimised over log-parameters
// so every step stays in the valid (positive) region.

export interface NelderMeadOptions {
  /** Stop when every vertex is within xTol of the best (max norm). */
  xTol?: number;
  /** … and every vertex value within fTol of the best. */
  fTol?: number;
  maxIterations?: number;
  /** Edge length of the initial simplex (times |x_i| where that is above 1). */
  step?: number;
}

export interface Minimum {
  x: number[];
  f: number;
  iterations: number;
  converged: boolean;
}

/**
 * Log-parameters are kept within ±LOG_BOUND (parameters within ~[1e-13, 1e13]) unless a caller
 * sets tighter bounds: a likelihood that keeps rising towards a limit then stops at the bound,
 * which callers report as a degenerate fit.
 */
export const LOG_BOUND = 30;

/**
 * Wraps an objective over log-parameters with bounds ±bounds[i] (default LOG_BOUND): outside,
 * the value at the nearest bounded point plus the squared excess, so the minimum over a rising
 * ridge sits on the bound and Nelder–Mead converges there (an infinite wall would make it crawl).
 */
export function walled(f: (v: number[]) => number, bounds: number[] = []): (v: number[]) => number {
  return (v) => {
    let excess = 0;
    const inside = v.map((x, i) => {
      const bound = bounds[i] ?? LOG_BOUND;
      const clamped = Math.min(bound, Math.max(-bound, x));
      excess += (x - clamped) ** 2;
      return clamped;
    });
    return excess > 0 ? f(inside) + excess : f(v);
  };
}

/** One Nelder–Mead run (standard coefficients: reflect 1, expand 2, contract ½, shrink ½). */
export function nelderMead(f: (x: number[]) => number, x0: number[], opts: NelderMeadOptions = {}): Minimum {
  const { xTol = 1e-8, fTol = 1e-10, maxIterations = 2000, step = 0.5 } = opts;
  const n = x0.length;
  // Non-finite values (overflow far from the optimum) count as +∞ so the simplex moves away.
  const fx = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const simplex: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const v = x0.slice();
    // Relative to large coordinates, so the simplex never collapses to one point by rounding.
    v[i] += step * Math.max(1, Math.abs(x0[i]));
    simplex.push(v);
  }
  const values = simplex.map(fx);
  const order = simplex.map((_, i) => i);
  let it = 0;
  for (; it < maxIterations; it++) {
    order.sort((p, q) => values[p] - values[q]);
    const best = order[0];
    const worst = order[n];
    let spread = 0;
    let fSpread = 0;
    for (let k = 1; k <= n; k++) {
      const v = order[k];
      fSpread = Math.max(fSpread, Math.abs(values[v] - values[best]));
      for (let j = 0; j < n; j++) spread = Math.max(spread, Math.abs(simplex[v][j] - simplex[best][j]));
    }
    // Converged when the simplex is small and flat; or flat to ~1e-3·fTol however wide, which
    // happens along an unidentified direction (a ridge to a limit) that x would never settle on.
    if ((spread <= xTol && fSpread <= fTol) || fSpread <= 1e-3 * fTol) {
      return { x: simplex[best].slice(), f: values[best], iterations: it, converged: true };
    }
    const centroid = new Array<number>(n).fill(0);
    for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) centroid[j] += simplex[order[k]][j] / n;
    const towards = (coef: number) => centroid.map((c, j) => c + coef * (simplex[worst][j] - c));
    const xr = towards(-1);
    const fr = fx(xr);
    const secondWorst = values[order[n - 1]];
    if (fr < values[best]) {
      const xe = towards(-2);
      const fe = fx(xe);
      if (fe < fr) replace(worst, xe, fe);
      else replace(worst, xr, fr);
    } else if (fr < secondWorst) {
      replace(worst, xr, fr);
    } else {
      // Contract outside when the reflection helped a little, inside otherwise.
      const outside = fr < values[worst];
      const xc = towards(outside ? -0.5 : 0.5);
      const fc = fx(xc);
      if (fc < (outside ? fr : values[worst])) {
        replace(worst, xc, fc);
      } else {
        for (let k = 1; k <= n; k++) {
          const v = order[k];
          simplex[v] = simplex[v].map((s, j) => simplex[best][j] + 0.5 * (s - simplex[best][j]));
          values[v] = fx(simplex[v]);
        }
      }
    }
  }
  order.sort((p, q) => values[p] - values[q]);
  return { x: simplex[order[0]].slice(), f: values[order[0]], iterations: it, converged: false };

  function replace(i: number, x: number[], v: number) {
    simplex[i] = x;
    values[i] = v;
  }
}

/** Tolerances for screening the starts: enough to tell which basin is best, cheap. */
const SCREEN: NelderMeadOptions = { xTol: 1e-3, fTol: 1e-7, maxIterations: 400 };

/** Iterations of a stall check: a fresh small simplex at the optimum either finds descent soon or none. */
const STALL_CHECK_ITERATIONS = 30;
/** Initial simplex edge of the polish: the screened point is already near the optimum. */
const POLISH_STEP = 0.05;

/**
 * Screens every start with loose tolerances on `screen` (a cheaper approximation of f, e.g. on
 * a subsample; f itself by default), then polishes the best point on f with `opts`. Nelder–Mead
 * can stall on a collapsed simplex, so a short run from a fresh small simplex checks the result;
 * if it still finds descent (more than 10·fTol), polishing restarts from there (up to
 * maxRestarts times). Converged when the polish converged and the last check found no descent.
 */
export function minimise(
  f: (x: number[]) => number,
  starts: number[][],
  opts: NelderMeadOptions = {},
  screen: (x: number[]) => number = f,
  maxRestarts = 5,
): Minimum {
  let best: Minimum | null = null;
  let iterations = 0;
  for (const s of starts) {
    const m = nelderMead(screen, s, { ...SCREEN, step: opts.step });
    iterations += m.iterations;
    if (!best || m.f < best.f) best = m;
  }
  if (!best) throw new Error('minimise needs at least one start');
  const fTol = opts.fTol ?? 1e-10;
  let x = best.x;
  for (let k = 0; k <= maxRestarts; k++) {
    const polished = nelderMead(f, x, { ...opts, step: k === 0 ? POLISH_STEP : 0.02 });
    iterations += polished.iterations;
    const check = nelderMead(f, polished.x, { ...opts, step: 0.01, maxIterations: STALL_CHECK_ITERATIONS });
    iterations += check.iterations;
    const better = check.f < polished.f ? check : polished;
    if (polished.converged && !(polished.f - check.f > 10 * fTol)) {
      return { x: better.x, f: better.f, iterations, converged: Number.isFinite(better.f) };
    }
    x = better.x;
    best = { ...better, converged: false };
  }
  return { ...best, iterations, converged: false };
}
