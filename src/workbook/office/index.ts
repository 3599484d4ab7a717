// Excel JavaScript API adapter of the workbook port.
export { OfficePort, officePortFromGlobals } from './port';
export type { OfficePortOptions } from './port';
export { describeOfficeError, officeErrorCode, isPayloadLimitError, UnsupportedExcelError } from './errors';
export { REQUIRED_EXCEL_API, isExcelSupported, assertExcelSupported, officeIsSetSupported } from './requirements';
export type { IsSetSupported } from './requirements';
export { toExcelInput, fromExcelValue } from './cells';
export { PAYLOAD_LIMIT } from './payload';
export type { ExcelRun } from './types';
