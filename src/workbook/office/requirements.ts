// The Excel JavaScript API requirement set the adapter needs, checked before anything runs.
// 1.9 is the highest set used: suspendScreenUpdatingUntilNextSync. The rest is older:
// getRangeByIndexes, hyperlinks, freeze panes, tab colors, chart series (1.7), series axis
// groups (1.8), table columns added by name, settings, *OrNullObject (1.4), color scales (1.6).
import { UnsupportedExcelError } from './errors';

export const REQUIRED_EXCEL_API = '1.9';

export type IsSetSupported = (name: string, version?: string) => boolean;

/** Office.context.requirements.isSetSupported when running inside Office, else undefined. */
export function officeIsSetSupported(): IsSetSupported | undefined {
  const office = (globalThis as { Office?: typeof Office }).Office;
  const req = office?.context?.requirements;
  return req ? (name, version) => req.isSetSupported(name, version) : undefined;
}

export function isExcelSupported(isSetSupported: IsSetSupported | undefined): boolean {
  return !!isSetSupported && isSetSupported('ExcelApi', REQUIRED_EXCEL_API);
}

export function assertExcelSupported(isSetSupported: IsSetSupported | undefined): void {
  if (!isExcelSupported(isSetSupported)) throw new UnsupportedExcelError(REQUIRED_EXCEL_API);
}
