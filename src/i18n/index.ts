// Message catalogues. Each area of the code owns one file under messages/ exporting
// { en: {...}, zh: {...} } with the same keys; this module merges them.
import { messages as core } from './messages/core';

export type Locale = 'zh-CN' | 'en-US';
export type Catalogue = Record<string, string>;
export interface MessageModule {
  en: Catalogue;
  zh: Catalogue;
}

const modules: MessageModule[] = [core];
const en: Catalogue = {};
const zh: Catalogue = {};

/** Adds a message module (each area registers its own at import time). */
export function registerMessages(m: MessageModule): void {
  Object.assign(en, m.en);
  Object.assign(zh, m.zh);
}
modules.forEach(registerMessages);

/** Translate key with {param} placeholders. Unknown keys fall back to English, then the key. */
export function t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const cat = locale === 'zh-CN' ? zh : en;
  const template = cat[key] ?? en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function hasMessage(key: string): boolean {
  return key in en;
}

/** Office display language (e.g. "zh-CN", "en-GB") → our locale. */
export function localeFromLanguage(lang: string | undefined | null): Locale {
  return lang && /^zh/i.test(lang) ? 'zh-CN' : 'en-US';
}

export function catalogues(): { en: Catalogue; zh: Catalogue } {
  return { en, zh };
}
