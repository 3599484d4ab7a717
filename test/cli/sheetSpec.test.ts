// `--orders book.xlsx#Sheet`: where the file name ends and the sheet name starts.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { splitSheetSpec } from '../../src/cli/inputFiles';

describe('splitSheetSpec', () => {
  it('splits after the workbook extension, so a sheet name may hold "#"', () => {
    expect(splitSheetSpec('book.xlsx#Q1#2024')).toEqual({ file: 'book.xlsx', sheet: 'Q1#2024' });
    expect(splitSheetSpec('dir/报表.XLSM#订单')).toEqual({ file: 'dir/报表.XLSM', sheet: '订单' });
    expect(splitSheetSpec('book.xlsx#')).toEqual({ file: 'book.xlsx', sheet: undefined });
    expect(splitSheetSpec('orders.csv')).toEqual({ file: 'orders.csv' });
  });

  it('never splits a path that exists as given (a file name with "#" in it)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-spec-'));
    const file = path.join(dir, 'a.xlsx#b.xlsx');
    fs.writeFileSync(file, '');
    expect(splitSheetSpec(file)).toEqual({ file });
  });
});
