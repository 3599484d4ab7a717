// Sizing requests and preparing cell input: pure helpers of the Office adapter.
import { chunkRows, jsonBytes, utf8Bytes } from '../../../src/workbook/office/payload';
import { fromExcelValue, toExcelInput } from '../../../src/workbook/office/cells';
import { widthToPoints } from '../../../src/workbook/office/write';

describe('chunkRows', () => {
  it('packs consecutive rows up to the budget, never leaving a row out', () => {
    expect(chunkRows([5, 5, 5, 5], 10)).toEqual([
      [0, 2],
      [2, 4],
    ]);
    expect(chunkRows([5, 5, 5, 5], 10, 5)).toEqual([
      [0, 1],
      [1, 3],
      [3, 4],
    ]);
    // No room for even one row in the request being filled: start a full one.
    expect(chunkRows([5, 5, 5, 5], 10, 3)).toEqual([
      [0, 2],
      [2, 4],
    ]);
    // A row larger than the budget travels alone (Excel will say if it is too large).
    expect(chunkRows([3, 30, 3], 10)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(chunkRows([], 10)).toEqual([]);
  });

  it('counts JSON as UTF-8 bytes', () => {
    expect(utf8Bytes('abc')).toBe(3);
    expect(utf8Bytes('华东')).toBe(6);
    expect(utf8Bytes('😀')).toBe(4);
    expect(jsonBytes([['华东', 1]])).toBe(new TextEncoder().encode(JSON.stringify([['华东', 1]])).length);
  });
});

describe('cell input', () => {
  it('marks every string as text and keeps numbers and booleans typed', () => {
    expect(toExcelInput('=1+1')).toBe("'=1+1");
    expect(toExcelInput('00123')).toBe("'00123");
    expect(toExcelInput("'x")).toBe("''x");
    expect(toExcelInput('')).toBe('');
    expect(toExcelInput(null)).toBe('');
    expect(toExcelInput(-2)).toBe(-2);
    expect(toExcelInput(Infinity)).toBe('');
    expect(toExcelInput(false)).toBe(false);
    expect(fromExcelValue('')).toBe('');
    expect(fromExcelValue(3)).toBe(3);
  });

  it('converts widths in characters to points', () => {
    // 8.43 characters (Excel's default) is 64 px = 48 pt.
    expect(widthToPoints(8.43)).toBeCloseTo(48, 0);
    expect(widthToPoints(0)).toBe(0);
  });
});
