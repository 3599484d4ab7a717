// Errors of the workbook adapters, in one shape whichever adapter throws them: a code and
// its parameters (like the engine's TieringError). The sentences live in the catalogues
// (i18n/messages/workbook.ts) and describeError.ts turns them into the user's words; the
// message here is the English sentence, for logs.
import { t, type Params } from '../i18n';

export type WorkbookErrorCode =
  | 'sheetNotFound'
  | 'tableNotFound'
  | 'nameNotFound'
  | 'nameUnsupported'
  | 'addressInvalid'
  | 'sheetNameInvalid'
  | 'sheetExists'
  | 'tableExists'
  | 'tableRowsMismatch'
  | 'chartNoSeries'
  | 'fileUnreadable'
  | 'excelUnavailable'
  | 'targetNotEmpty'
  | 'sheetProtected'
  | 'workbookProtected'
  | 'workbookReadOnly'
  | 'targetMerged'
  | 'tableNoHeaders'
  | 'settingTooLarge'
  | 'settingIncomplete'
  | 'macroExtension'
  | 'strictOoxml';

export class WorkbookError extends Error {
  constructor(
    readonly code: WorkbookErrorCode,
    readonly params: Params = {},
  ) {
    super(t('en-US', `workbook.error.${code}`, params));
    this.name = 'WorkbookError';
  }
}
