import fc from 'fast-check';
import { isValidSheetName, sanitizeSheetName, sheetKey, uniqueSheetName, uniqueTableName } from '../../src/output/sheetNames';

describe('sheet names', () => {
  it('turns any text into a valid name, unique ignoring case against every name taken', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('History', 'history', "'quoted'", 'A:B/C?*[x]', 'Summary')), { maxLength: 40 }), fc.array(fc.string({ maxLength: 31 }), { maxLength: 10 }), (wanted, existing) => {
        const taken = new Set(existing.map(sheetKey));
        const chosen = wanted.map((w) => uniqueSheetName(w, taken));
        for (const n of chosen) {
          expect(isValidSheetName(n)).toBe(true);
          expect(n.length).toBeLessThanOrEqual(31);
          expect(existing.map(sheetKey)).not.toContain(sheetKey(n));
        }
        expect(new Set(chosen.map(sheetKey)).size).toBe(chosen.length);
      }),
      { numRuns: 300 },
    );
  });

  it('follows Excel rules on the cases people hit', () => {
    expect(sanitizeSheetName('A/B: 客户?')).toBe('A_B_ 客户_');
    expect(sanitizeSheetName("'引号'")).toBe('引号');
    expect(sanitizeSheetName('History')).toBe('History (1)');
    expect(isValidSheetName('history')).toBe(false);
    expect(isValidSheetName('x'.repeat(32))).toBe(false);
    // 31 UTF-16 units: an emoji is never cut in half.
    const long = `${'客'.repeat(30)}😀`;
    expect(sanitizeSheetName(long)).toBe('客'.repeat(30));
    const taken = new Set(['abc-a类客户'].map(sheetKey));
    expect(uniqueSheetName('ABC-A类客户', taken)).toBe('ABC-A类客户 (2)');
    expect(uniqueSheetName('ABC-A类客户', taken)).toBe('ABC-A类客户 (3)');
    const t31 = new Set([sheetKey('y'.repeat(31))]);
    expect(uniqueSheetName('y'.repeat(31), t31)).toBe(`${'y'.repeat(27)} (2)`);
  });

  it('makes table names Excel accepts: no spaces, not a cell reference, unique', () => {
    const taken = new Set<string>();
    expect(uniqueTableName('CT abc 1', taken)).toBe('CT_abc_1');
    expect(uniqueTableName('CT abc 1', taken)).toBe('CT_abc_1_2');
    expect(uniqueTableName('A1', taken)).toBe('T_A1');
    expect(uniqueTableName('1st', taken)).toBe('T_1st');
    expect(uniqueTableName('CT_规则_电商分级', taken)).toBe('CT_规则_电商分级');
  });
});
