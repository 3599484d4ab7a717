// The CLI's error for a file it cannot use; `key`/`params` render through i18n (exit 2).
import type { MessageKey } from '../i18n';

export class InputFileError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, string | number>,
  ) {
    super(key);
    this.name = 'InputFileError';
  }
}
