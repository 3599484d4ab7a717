// The CLI's error for a file it cannot use; `key`/`params` render through i18n (exit 2).
import type { MessageKey, Params } from '../i18n';

export class InputFileError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Params,
  ) {
    super(key);
    this.name = 'InputFileError';
  }
}
