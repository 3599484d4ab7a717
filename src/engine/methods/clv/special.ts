// Special functions the CLV models need, written for double precision without overflow:
// log-gamma (with the sign for negative arguments) and the Gauss hypergeometric function 2F1
// on [0, 1).

const LANCZOS_G = 7;
// Lanczos coefficients for g = 7, n = 9 (Numerical Recipes / Godfrey): ~1e-15 relative error.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0 (Lanczos); for x < 0 ln|Γ(x)| by reflection. Infinity at 0, -1, -2, ... */
export function lgamma(x: number): number {
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) {
    // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
    const s = Math.sin(Math.PI * x);
    if (s === 0) return Infinity;
    return Math.log(Math.PI / Math.abs(s)) - lgamma(1 - x);
  }
  const y = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (y + i);
  const tt = y + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (y + 0.5) * Math.log(tt) - tt + Math.log(sum);
}

/** Above this, lgamma(z + q) − lgamma(z) is taken from Stirling's series (direct difference loses ~z·ε). */
const RATIO_ASYMPTOTIC_ABOVE = 100;

/**
 * ln Γ(z + q) − ln Γ(z) for z, q > 0, accurate when z is huge (e.g. px in Gamma-Gamma at a large p):
 * there the two log-gammas are ~z ln z and their difference would keep only ~1e-16·z ln z absolute
 * precision. Stirling: (z − ½) ln(1 + q/z) + q ln(z + q) − q + Σ B₂ₖ/(2k(2k−1)) (1/(z+q)^(2k−1) − 1/z^(2k−1)).
 */
export function lgammaRatio(z: number, q: number): number {
  if (z < RATIO_ASYMPTOTIC_ABOVE) return lgamma(z + q) - lgamma(z);
  const w = z + q;
  const series = (u: number) => 1 / (12 * u) - 1 / (360 * u ** 3) + 1 / (1260 * u ** 5);
  return (z - 0.5) * Math.log1p(q / z) + q * Math.log(w) - q + (series(w) - series(z));
}

/** Sign of Γ(x): +1 for x > 0, alternating on the negative axis (0 at the poles). */
export function gammaSign(x: number): number {
  if (x > 0) return 1;
  if (Number.isInteger(x)) return 0;
  // Between −k and −k+1, Γ has sign (−1)^k.
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** Relative size of the last term below which a series is considered summed. */
const SERIES_EPS = 1e-17;
const SERIES_MAX_TERMS = 200_000;

/** Terms beyond this are rescaled (the scale is kept as a logarithm). */
const RESCALE_ABOVE = 1e250;

/**
 * e^logScale · Σ_{n≥1} (a)_n (b)_n / ((c)_n n!) zⁿ, i.e. e^logScale · (2F1(a, b; c; z) − 1),
 * summed from its term ratios. Starting at n = 1 keeps full relative precision when the result
 * is small; the running scale lets huge sums (large parameters, z near 1) meet a tiny prefactor
 * without overflow or underflow.
 */
export function hyp2f1MinusOneSeries(a: number, b: number, c: number, z: number, logScale = 0): number {
  let term = 1;
  let sum = 0;
  let logOffset = logScale;
  for (let n = 0; n < SERIES_MAX_TERMS; n++) {
    term *= ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
    sum += term;
    if (Math.abs(term) > RESCALE_ABOVE) {
      term /= RESCALE_ABOVE;
      sum /= RESCALE_ABOVE;
      logOffset += Math.log(RESCALE_ABOVE);
    }
    if (term === 0 || Math.abs(term) <= SERIES_EPS * Math.abs(sum)) {
      // Once the ratio is below 1 for good, the tail is bounded by a geometric series.
      if (Math.abs(((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2)) * z) < 1) break;
    }
  }
  if (sum === 0) return 0;
  return Math.sign(sum) * Math.exp(Math.log(Math.abs(sum)) + logOffset);
}

/** Integer-distance below which the 1 − z transformation is evaluated by symmetric perturbation. */
const NEAR_INTEGER = 3e-6;

/**
 * 2F1(a, b; c; z) for 0 ≤ z < 1 by the connection formula to 1 − z (Abramowitz & Stegun
 * 15.3.6). Gamma ratios are combined in log space with signs, so large parameters do not
 * overflow. When c − a − b is (nearly) an integer the formula has a removable singularity;
 * the value is then extrapolated from symmetric shifts of a: m(δ) = mean of a ± δ has an
 * O(δ²) bias, removed by Richardson (4·m(δ) − m(2δ))/3; what is left is the cancellation
 * error, ≈ ε/δ ≈ 1e-10 relative at δ = 6e-6.
 */
function hyp2f1Reflect(a: number, b: number, c: number, z: number): number {
  const s = c - a - b;
  if (Math.abs(s - Math.round(s)) < NEAR_INTEGER) {
    const m = (d: number) => 0.5 * (hyp2f1Reflect(a + d, b, c, z) + hyp2f1Reflect(a - d, b, c, z));
    const d = 2 * NEAR_INTEGER;
    return (4 * m(d) - m(2 * d)) / 3;
  }
  const w = 1 - z;
  const lgc = lgamma(c);
  const signC = gammaSign(c);
  // Term 1: Γ(c)Γ(s) / (Γ(c−a)Γ(c−b)) · F(a, b; 1 − s; w)
  const sign1 = signC * gammaSign(s) * gammaSign(c - a) * gammaSign(c - b);
  const log1 = lgc + lgamma(s) - lgamma(c - a) - lgamma(c - b);
  const f1 = 1 + hyp2f1MinusOneSeries(a, b, 1 - s, w);
  // Term 2: w^s Γ(c)Γ(−s) / (Γ(a)Γ(b)) · F(c − a, c − b; 1 + s; w)
  const sign2 = signC * gammaSign(-s) * gammaSign(a) * gammaSign(b);
  const log2 = lgc + lgamma(-s) - lgamma(a) - lgamma(b) + s * Math.log(w);
  const f2 = 1 + hyp2f1MinusOneSeries(c - a, c - b, 1 + s, w);
  const t1 = sign1 === 0 ? 0 : sign1 * Math.exp(log1) * f1;
  const t2 = sign2 === 0 ? 0 : sign2 * Math.exp(log2) * f2;
  return t1 + t2;
}

/** Beyond this z the power series is slow; the 1 − z transformation converges fast there. */
const REFLECT_ABOVE = 0.9;

/** True when c is 0, −1, −2, … (to rounding), where 2F1 is undefined. */
function isPole(c: number): boolean {
  return c <= 0.5 && Math.abs(c - Math.round(c)) < 1e-12;
}

/**
 * Largest |parameter| for which the 1 − z transformation is used: beyond it, its two terms grow
 * huge and cancel, while the power series (constant-sign terms for a, b > −1) stays exact.
 */
const REFLECT_MAX_PARAM = 40;

/** Whether hyp2f1MinusOne(a, b, c, z) uses the 1 − z transformation (else the power series). */
export function usesReflection(a: number, b: number, c: number, z: number): boolean {
  if (z <= REFLECT_ABOVE) return false;
  if (c > 4 * (Math.abs(a) + Math.abs(b)) + 30) return false; // terms fall from the start
  return Math.max(Math.abs(a), Math.abs(b), Math.abs(c), Math.abs(c - a - b)) <= REFLECT_MAX_PARAM;
}

/**
 * e^logScale · (2F1(a, b; c; z) − 1) for 0 ≤ z < 1 and c not in {0, −1, −2, …}: the power series
 * where it converges quickly or the parameters are large, otherwise the 1 − z transformation.
 */
export function hyp2f1MinusOne(a: number, b: number, c: number, z: number, logScale = 0): number {
  if (!(z >= 0 && z < 1) || isPole(c)) return NaN;
  if (!usesReflection(a, b, c, z)) return hyp2f1MinusOneSeries(a, b, c, z, logScale);
  return Math.exp(logScale) * (hyp2f1Reflect(a, b, c, z) - 1);
}

/** Gauss hypergeometric function 2F1(a, b; c; z) for 0 ≤ z < 1 and c not in {0, −1, −2, …}. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  return 1 + hyp2f1MinusOne(a, b, c, z);
}
