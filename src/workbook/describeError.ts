// Any thrown value → a sentence for the user, in one place for the task pane, the ribbon
// command and the CLI: the engine's codes (TieringError), the adapters' codes (WorkbookError,
// the same from either adapter), Excel's own codes, the stored state's problems and a
// cancel. Decided by class and code, never by message text; never a raw exception.
import { TieringError } from '../engine/types';
import { hasMessage, t, type Locale, type MessageKey, type Params } from '../i18n';
import { WorkbookError } from './errors';
import { describeOfficeError, officeErrorCode, UnsupportedExcelError } from './office/errors';
import { CancelledError } from './port';
import { EditedOutputError, WorkbookStateError } from './run';

// The engine's error sentences (the engine registers them only where it runs: in the pane,
// that is a worker).
/** A coded error as a sentence; null for anything else (the caller says "unexpected" its own way). */
export function describeKnownError(e: unknown, locale: Locale): string | null {
  if (e instanceof TieringError) {
    const key = `error.${e.code}`;
    return hasMessage(key) ? t(locale, key, userWords(e.code, e.params, locale)) : null;
  }
  if (e instanceof WorkbookError) return t(locale, `workbook.error.${e.code}`, e.params);
  // Its message is already the sentence, in the locale of the run that threw it.
  if (e instanceof WorkbookStateError || e instanceof EditedOutputError) return e.message;
  if (e instanceof CancelledError || e instanceof UnsupportedExcelError || officeErrorCode(e)) return describeOfficeError(e, locale);
  return null;
}

/**
 * The engine names tables and fields by their config keys (`orders`, `amount`); the user reads
 * the words of the pane and the sheets (订单, 金额) and, for the config file, the path to set.
 */
function userWords(code: string, params: Params, locale: Locale): Params {
  const out: Params = { ...params };
  const table = typeof params.table === 'string' ? params.table : '';
  if (table === 'orders' || table === 'customers') {
    out.table = t(locale, `ingest.table.${table}`);
    // missing_column names the field in `column`; mapped_column_missing in `key` (its `column` is the user's header).
    for (const k of code === 'missing_column' ? (['column'] as const) : (['key'] as const)) {
      const field = params[k];
      if (typeof field !== 'string' || !hasMessage(`field.${table}.${field}`)) continue;
      out[k] = t(locale, `field.${table}.${field}` as MessageKey);
      out.configPath = `columns.${table}.${field}`;
    }
  }
  return out;
}

/** Any thrown value → a sentence (the add-in's: pane and ribbon command). */
export function describeError(e: unknown, locale: Locale): string {
  const known = describeKnownError(e, locale);
  if (known !== null) return known;
  const message = e instanceof Error ? e.message : String(e);
  return t(locale, 'workbook.error.unexpected', { message: message.replace(/[.。]\s*$/, '') });
}
