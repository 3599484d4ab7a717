// The CLI's side of edited output (workbook/edits.ts): `--keep-edits` / `--replace-edits` for
// every command that writes into a workbook, and the sentence when neither was given.
import { t, type Locale } from '../i18n';
import { editedListText, EditedOutputError, type EditChoice } from '../workbook/edits';

export const EDIT_FLAGS = ['keep-edits', 'replace-edits'] as const;

/** The choice the flags make ('stop' without either), or null when both are given. */
export function editChoiceOf(flags: ReadonlySet<string>): EditChoice | null {
  if (flags.has('keep-edits') && flags.has('replace-edits')) return null;
  return flags.has('keep-edits') ? 'keep' : flags.has('replace-edits') ? 'replace' : 'stop';
}

/** The stop sentence naming the edited items and the two flags; null for any other error. */
export function editedStopText(e: unknown, locale: Locale): string | null {
  return e instanceof EditedOutputError ? t(locale, 'out.edits.stopCli', { items: editedListText(e.items, locale) }) : null;
}
