// Excel's errors (OfficeExtension.Error: a string `code`) as sentences for the user.
import { t, hasMessage, type Locale } from '../../i18n';
import { CancelledError } from '../port';

/** Thrown when Excel lacks the requirement set the adapter needs. */
export class UnsupportedExcelError extends Error {
  constructor(readonly version: string) {
    super(`Excel JavaScript API ${version} is not supported by this Excel`);
    this.name = 'UnsupportedExcelError';
  }
}

/** The `code` of an OfficeExtension.Error (or anything shaped like one), else null. */
export function officeErrorCode(e: unknown): string | null {
  if (e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string') return (e as { code: string }).code;
  return null;
}

/** Too much data in one request or response: the caller should split and retry. Decided by
 *  Excel's codes only (the documented ones; see "Resource limits" in the Office Add-ins docs). */
export function isPayloadLimitError(e: unknown): boolean {
  const code = officeErrorCode(e);
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}

export function describeOfficeError(e: unknown, locale: Locale): string {
  if (e instanceof CancelledError) return t(locale, 'office.error.cancelled');
  if (e instanceof UnsupportedExcelError) return t(locale, 'office.unsupported', { version: e.version });
  const code = officeErrorCode(e);
  const key = `office.error.${code}`;
  if (code && hasMessage(key)) return t(locale, key);
  const message = e instanceof Error ? e.message : String(e);
  return t(locale, 'office.error.unknown', { code: code ?? '?', message });
}
