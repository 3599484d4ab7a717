// Any thrown value → a sentence for the user: engine error codes and Excel's error codes
// through the catalogues; never a raw exception. Shared by the pane and the ribbon command.
import { TieringError } from '../engine/types';
import { hasMessage, t, type Locale } from '../i18n';
import { describeOfficeError, officeErrorCode, UnsupportedExcelError } from '../workbook/office';
import { CancelledError } from '../workbook/port';
import { WorkbookStateError } from '../workbook/run';
import './i18nCatalogue';

/** Any thrown value → a sentence: engine codes and Office codes through the catalogues. */
export function describeError(e: unknown, locale: Locale): string {
  if (e instanceof TieringError && hasMessage(`error.${e.code}`)) return t(locale, `error.${e.code}`, e.params);
  if (e instanceof WorkbookStateError) return e.message;
  if (e instanceof CancelledError || e instanceof UnsupportedExcelError || officeErrorCode(e)) return describeOfficeError(e, locale);
  const message = e instanceof Error ? e.message : String(e);
  return t(locale, 'pane.error.unexpected', { message: message.replace(/[.。]\s*$/, '') });
}

