// The message catalogue: every area's module (messages/*.ts, same keys in both languages by
// construction, see define.ts) loaded here, explicitly, once. Keys are typed: t() with a key
// no module defines does not compile; keys built at run time go through hasMessage first.
import { messages as clv } from './messages/clv';
import { messages as core } from './messages/core';
import { messages as engine } from './messages/engine';
import { messages as facts } from './messages/facts';
import { messages as ingest } from './messages/ingest';
import { messages as misread } from './messages/misread';
import { messages as manager } from './messages/manager';
import { messages as office } from './messages/office';
import { messages as output } from './messages/output';
import { messages as ownership } from './messages/ownership';
import { messages as preferences } from './messages/preferences';
import { messages as rules } from './messages/rules';
import { messages as sources } from './messages/sources';
import { messages as scale } from './messages/scale';
import { messages as ui } from './messages/ui';
import { messages as workbook } from './messages/workbook';

export type Locale = 'zh-CN' | 'en-US';

const MODULES = [clv, core, engine, ingest, office, output, ownership, rules, ui, workbook, misread, preferences, sources, manager, scale, facts] as const;
type Module = (typeof MODULES)[number];
type KeysOf<M> = M extends { en: infer E } ? keyof E & string : never;
/** Every message key of every module. */
export type MessageKey = KeysOf<Module>;
export type Catalogue = Readonly<Record<MessageKey, string>>;
/** A message parameter: a list (string array) is written with the locale's list separator. */
export type ParamValue = string | number | readonly string[];
export type Params = Record<string, ParamValue>;

function merge(part: 'en' | 'zh'): Catalogue {
  const out: Record<string, string> = {};
  for (const m of MODULES) Object.assign(out, m[part]);
  return out as Catalogue;
}
const en = merge('en');
const zh = merge('zh');

// The one list separator per language: a 中文 reader expects 地区、行业, an English one "region, industry".
const LIST_SEPARATOR: Record<Locale, string> = { 'zh-CN': '、', 'en-US': ', ' };

/** Items as one list in the locale's words; each item's text is kept exactly as given. */
export function formatList(locale: Locale, items: readonly string[]): string {
  return items.join(LIST_SEPARATOR[locale]);
}

/** A parameter as it reads in a sentence: lists joined by the locale's separator. */
export function formatParam(locale: Locale, value: ParamValue): string {
  return typeof value === 'object' ? formatList(locale, value) : String(value);
}

/** Translate key with {param} placeholders. */
export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  const template = (locale === 'zh-CN' ? zh : en)[key] ?? en[key] ?? key;
  // Most messages have no placeholder; labels are asked for once per cell of a sheet.
  if (!template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? formatParam(locale, params[name]!) : m));
}

/** Whether a key built at run time (e.g. `warning.${code}`) names a message. */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** A run-time key's message, or `fallback` when no module defines it. */
export function tryT(locale: Locale, key: string, params: Params = {}, fallback = key): string {
  return hasMessage(key) ? t(locale, key, params) : fallback;
}

/** Office display language (e.g. "zh-CN", "en-GB") → our locale. */
export function localeFromLanguage(lang: string | undefined | null): Locale {
  return lang && /^zh/i.test(lang) ? 'zh-CN' : 'en-US';
}

export function catalogues(): { en: Catalogue; zh: Catalogue } {
  return { en, zh };
}
