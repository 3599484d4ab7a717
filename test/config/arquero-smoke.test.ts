import * as aq from 'arquero';
test('arquero loads under jest (ESM transformed)', () => {
  const t = aq.table({ a: [1, 2, 3] }).rollup({ s: aq.op.sum('a') });
  expect(t.get('s', 0)).toBe(6);
});
