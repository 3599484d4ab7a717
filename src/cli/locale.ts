// The CLI's language when --lang is not given: the environment's (LC_ALL, LC_MESSAGES, LANG).
import type { Locale } from '../i18n';

export function envLocale(): Locale {
  const lang = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  return /^zh/i.test(lang) ? 'zh-CN' : 'en-US';
}
