// The error of an input file the CLI cannot use (its own module so source resolution and file
// reading can both throw it).
import type { MessageKey } from '../i18n';

/** A file the CLI cannot use; `key`/`params` render through i18n (cli.*). */
export class InputFileError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, string | number>,
  ) {
    super(key);
    this.name = 'InputFileError';
  }
}
