// The strict fake's format layers are indexed by row bands (a 200,000-customer refresh adds a
// fill layer per run of equal tiers); the index must answer exactly as the plain list did:
// later layers win, a layer drops the older ones it covers, a reset is kept only over others.
import fc from 'fast-check';
import { layerValue, pushLayer, type FormatLayer } from '../../support/fake-excel/model';
import type { Rect } from '../../support/fake-excel/address';

/** The rules as the list without an index spelled them. */
function reference(ops: { rect: Rect; value: string | undefined }[]): FormatLayer<string>[] {
  const layers: FormatLayer<string>[] = [];
  const inside = (a: Rect, b: Rect) => b.r0 >= a.r0 && b.r1 <= a.r1 && b.c0 >= a.c0 && b.c1 <= a.c1;
  const meet = (a: Rect, b: Rect) => a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
  for (const { rect, value } of ops) {
    for (let i = layers.length - 1; i >= 0; i--) if (inside(rect, layers[i].rect)) layers.splice(i, 1);
    if (value !== undefined || layers.some((l) => meet(l.rect, rect))) layers.push({ rect: { ...rect }, value });
  }
  return layers;
}

const rect = fc
  .tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 2 }))
  .map(([r0, h, c0, w]) => ({ r0, r1: r0 + h, c0, c1: c0 + w }));

test('indexed layers answer every cell as the plain list does', () => {
  fc.assert(
    fc.property(fc.array(fc.record({ rect, value: fc.option(fc.constantFrom('#FF0000', '#00FF00', '0.0%'), { nil: undefined }) }), { maxLength: 40 }), (ops) => {
      const layers: FormatLayer<string>[] = [];
      for (const op of ops) pushLayer(layers, op.rect, op.value);
      const ref = reference(ops);
      expect(layers).toEqual(ref);
      const got: (string | undefined)[] = [];
      const want: (string | undefined)[] = [];
      for (let r = 0; r < 520; r += 7) {
        for (let c = 0; c < 8; c++) {
          got.push(layerValue(layers, r, c));
          let v: string | undefined;
          for (const l of ref) if (r >= l.rect.r0 && r <= l.rect.r1 && c >= l.rect.c0 && c <= l.rect.c1) v = l.value;
          want.push(v);
        }
      }
      expect(got).toEqual(want);
    }),
    { numRuns: 100 },
  );
});

test('200,000 one-row layers down a column, then a reset over all of them', () => {
  const layers: FormatLayer<string>[] = [];
  for (let r = 0; r < 200_000; r++) pushLayer(layers, { r0: r, r1: r, c0: 3, c1: 3 }, r % 2 ? '#FF0000' : '#00FF00');
  expect(layerValue(layers, 199_999, 3)).toBe('#FF0000');
  expect(layerValue(layers, 199_998, 3)).toBe('#00FF00');
  pushLayer(layers, { r0: 0, r1: 199_999, c0: 0, c1: 5 }, undefined);
  expect(layers).toEqual([]);
  expect(layerValue(layers, 5, 3)).toBeUndefined();
});
