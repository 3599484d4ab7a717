// "Did you mean …?" for misspelled column and function names.

/** Folds width (ｒ→r), case and spaces so look-alikes and typos land close together. */
function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s_]+/g, '_');
}

/** Levenshtein distance over code points, with an early exit above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[y.length];
}

/** The closest candidate within a distance that scales with the name's length, if any. */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  const f = fold(name);
  const max = Math.max(1, Math.floor([...f].length / 3));
  let best: string | undefined;
  let bestD = max + 1;
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(f, fold(c), max);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
