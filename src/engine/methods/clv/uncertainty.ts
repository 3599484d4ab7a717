// Parameter uncertainty at the optimum and per-customer intervals by the delta method:
// covariance of the log-parameters = inverse of the Hessian of the total negative
// log-likelihood (numerical, central differences), propagated to ln E[purchases] and ln CLV
// through numerical gradients, and the interval value · exp(±z·se) (positive, asymmetric).

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Hessian of f at x by central differences with step h (4 evaluations per off-diagonal entry). */
export function numericalHessian(f: (v: number[]) => number, x: number[], h = 1e-3): number[][] {
  const n = x.length;
  const at = (di: number, si: number, dj: number, sj: number) => {
    const v = x.slice();
    v[di] += si * h;
    v[dj] += sj * h;
    return f(v);
  };
  const f0 = f(x);
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    H[i][i] = (at(i, 1, i, 1) - 2 * f0 + at(i, -1, i, -1)) / (4 * h * h);
    for (let j = 0; j < i; j++) {
      H[i][j] = H[j][i] = (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * h * h);
    }
  }
  return H;
}

/** Inverse of a symmetric positive-definite matrix by Cholesky; null when it is not positive definite. */
export function invertSpd(A: number[][]): number[][] | null {
  const n = A.length;
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      if (i === j) {
        if (!(s > 0)) return null;
        L[i][i] = Math.sqrt(s);
      } else L[i][j] = s / L[j][j];
    }
  }
  // Columns of A⁻¹ by forward and back substitution.
  const inv = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let c = 0; c < n; c++) {
    const y = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let s = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) s -= L[i][k] * y[k];
      y[i] = s / L[i][i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = y[i];
      for (let k = i + 1; k < n; k++) s -= L[k][i] * inv[k][c];
      inv[i][c] = s / L[i][i];
    }
  }
  return inv;
}

/**
 * Covariance of the log-parameters from a mean objective over `weight` customers at its
 * minimum x: (weight · ∇²f)⁻¹. Null when the Hessian is not positive definite (a fit at a limit).
 */
export function covarianceAt(f: (v: number[]) => number, x: number[], weight: number): number[][] | null {
  const H = numericalHessian(f, x).map((row) => row.map((v) => v * weight));
  return invertSpd(H);
}

export interface Interval {
  low: Float64Array;
  high: Float64Array;
  /** Standard error of ln value. */
  se: Float64Array;
}

/**
 * Delta-method intervals of positive per-customer values: `evaluate(θ)` gives one or more
 * arrays of values at log-parameters θ; the gradient of ln value is taken by central
 * differences (step h), the standard error se = √(gᵀ Σ g), and the interval value · exp(∓ z se).
 * Non-finite or non-positive values give NaN bounds.
 */
export function deltaIntervals(evaluate: (theta: number[]) => Float64Array[], theta: number[], cov: number[][], z: number, h = 1e-4): Interval[] {
  const base = evaluate(theta);
  const shifted = theta.map((_, j) => {
    const up = theta.slice();
    const down = theta.slice();
    up[j] += h;
    down[j] -= h;
    return { up: evaluate(up), down: evaluate(down) };
  });
  return base.map((values, a) => {
    const n = values.length;
    const out: Interval = { low: new Float64Array(n).fill(NaN), high: new Float64Array(n).fill(NaN), se: new Float64Array(n).fill(NaN) };
    const g = new Float64Array(theta.length);
    for (let i = 0; i < n; i++) {
      if (!(values[i] > 0) || !Number.isFinite(values[i])) continue;
      for (let j = 0; j < theta.length; j++) g[j] = (Math.log(shifted[j].up[a][i]) - Math.log(shifted[j].down[a][i])) / (2 * h);
      let v = 0;
      for (let j = 0; j < theta.length; j++) for (let k = 0; k < theta.length; k++) v += g[j] * cov[j][k] * g[k];
      out.se[i] = Math.sqrt(Math.max(v, 0));
      out.low[i] = values[i] * Math.exp(-z * out.se[i]);
      out.high[i] = values[i] * Math.exp(z * out.se[i]);
    }
    return out;
  });
}

/** Block-diagonal matrix of the given blocks (independent fits). */
export function blockDiagonal(blocks: number[][][]): number[][] {
  const n = blocks.reduce((acc, b) => acc + b.length, 0);
  const out = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  let o = 0;
  for (const b of blocks) {
    b.forEach((row, i) => row.forEach((v, j) => (out[o + i][o + j] = v)));
    o += b.length;
  }
  return out;
}
