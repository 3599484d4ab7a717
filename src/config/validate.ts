// Turning untrusted JSON (a hand-written file, a shared workbook's stored config) into a
// TieringConfig, or into a list of field errors a person can act on.
import { z } from 'zod';
import { semanticErrors } from './semantics';
import { ConfigSchema, CONFIG_VERSION, type TieringConfig, type TieringConfigInput } from './schema';

export type ConfigLocale = 'zh-CN' | 'en-US';

/** 中文 for the schema's own refinement messages; zod's locale covers the generic ones. */
const ZH: [RegExp, string][] = [
  [/^cuts must increase$/, '分界点必须递增'],
  [/^must increase$/, '必须递增'],
  [/^expected a date written YYYY-MM-DD$/, '日期应写作 YYYY-MM-DD'],
  [/^not a real calendar date$/, '日历上没有这一天'],
  [/^range must be \[low, high\] with low ≤ high$/, '范围应写作 [低, 高]，且低 ≤ 高'],
  [/^scoring "fixed" needs thresholds for recency, frequency and monetary$/, '“固定阈值”打分需要为最近消费、频率和金额分别给出阈值'],
  [/^silentDays must be greater than activeDays$/, '沉默天数必须大于活跃天数'],
  [/^needs (\d+) labels \(one more than cuts\)$/, '需要 $1 个类别名称（比分界点多一个）'],
  [/^needs (\d+) cut points for (\d+) bins$/, '$2 档需要 $1 个分界点'],
];

function localize(message: string, locale: ConfigLocale): string {
  if (locale !== 'zh-CN') return message;
  for (const [re, zh] of ZH) if (re.test(message)) return message.replace(re, zh);
  return message;
}

export interface ConfigFieldError {
  /** Dotted path of the offending field, e.g. "methods.rfm.bins". Empty for the whole object. */
  path: string;
  message: string;
}

export type ConfigParse =
  | { ok: true; config: TieringConfig }
  | { ok: false; errors: ConfigFieldError[] };

/** Methods that run unless switched off with `enabled: false`. */
const DEFAULT_ON = ['abc', 'rfm', 'activity'] as const;

/**
 * Upgrades older config versions to the current one. A config without a version is taken as
 * written for this one. v1 → v2: v1 wrote `dimensions: []` for "none chosen" (it had no other
 * way to say it), so that `[]` becomes "detect the region/industry/size columns"; a v1 list that
 * names columns is kept as it is.
 */
export function upgradeConfig(raw: unknown): unknown {
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const obj = raw as Record<string, unknown>;
    if (obj.version === undefined) return { ...obj, version: CONFIG_VERSION };
    if (obj.version === 1) {
      const methods = obj.methods;
      if (methods && typeof methods === 'object' && !Array.isArray(methods)) {
        const m = methods as Record<string, unknown>;
        const unset = Array.isArray(m.dimensions) && m.dimensions.length === 0 && m.detectDimensions === undefined;
        if (unset) {
          const { dimensions: _dropped, ...rest } = m;
          return { ...obj, version: CONFIG_VERSION, methods: rest };
        }
      }
      return { ...obj, version: CONFIG_VERSION };
    }
  }
  return raw;
}

function withDefaultMethods(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const obj = raw as Record<string, unknown>;
  const methods = obj.methods;
  if (methods !== undefined && (typeof methods !== 'object' || methods === null || Array.isArray(methods))) return raw;
  const m = { ...((methods as Record<string, unknown>) ?? {}) };
  for (const k of DEFAULT_ON) if (m[k] === undefined) m[k] = {};
  // An explicit list (even []) is the user's choice; only an absent one lets columns be detected.
  if (m.detectDimensions === undefined) m.detectDimensions = m.dimensions === undefined;
  return { ...obj, methods: m };
}

/** Validates a config; `locale` chooses the language of the field messages (default English). */
export function parseConfig(input: unknown, locale: ConfigLocale = 'en-US'): ConfigParse {
  const upgraded = upgradeConfig(input);
  if (upgraded && typeof upgraded === 'object' && 'version' in upgraded) {
    const v = (upgraded as { version: unknown }).version;
    if (typeof v === 'number' && v > CONFIG_VERSION) {
      return {
        ok: false,
        errors: [
          {
            path: 'version',
            message:
              locale === 'zh-CN'
                ? `配置版本 ${v} 比本加载项支持的版本（${CONFIG_VERSION}）新，请更新“客户分层”`
                : `config version ${v} is newer than this add-in understands (${CONFIG_VERSION}); update Customer Tiers`,
          },
        ],
      };
    }
  }
  const res = ConfigSchema.safeParse(withDefaultMethods(upgraded), locale === 'zh-CN' ? { error: z.locales.zhCN().localeError } : undefined);
  if (res.success) {
    const named = semanticErrors(res.data, locale);
    return named.length ? { ok: false, errors: named } : { ok: true, config: res.data };
  }
  return {
    ok: false,
    errors: res.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: localize(i.message, locale) })),
  };
}

/** Parses JSON text first, reporting a syntax error with its line and column. */
export function parseConfigText(text: string): ConfigParse {
  const src = text.replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(src);
  } catch (e) {
    const at = jsonErrorOffset(src);
    const before = src.slice(0, at);
    const line = before.split('\n').length;
    const col = at - before.lastIndexOf('\n');
    const msg = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [{ path: '', message: `the config is not valid JSON at line ${line}, column ${col}: ${msg}` }] };
  }
  return parseConfig(raw);
}

/**
 * Offset of the first JSON syntax error. JSON.parse's messages differ between engines
 * and often carry no position, so a small scanner finds it.
 */
export function jsonErrorOffset(s: string): number {
  let i = 0;
  const ws = () => {
    while (i < s.length && ' \t\n\r'.includes(s[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const str = () => {
    if (s[i] !== '"') fail();
    i++;
    while (i < s.length && s[i] !== '"') {
      if (s[i] === '\\') i++;
      else if (s.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= s.length) fail();
    i++;
  };
  const value = (): void => {
    ws();
    const c = s[i];
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') return void i++;
      for (;;) {
        ws();
        str();
        ws();
        if (s[i] !== ':') fail();
        i++;
        value();
        ws();
        if (s[i] === ',') i++;
        else if (s[i] === '}') return void i++;
        else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (s[i] === ',') i++;
        else if (s[i] === ']') return void i++;
        else fail();
      }
    } else if (c === '"') str();
    else {
      const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(s.slice(i, i + 400));
      if (!m) fail();
      i += m![0].length;
    }
  };
  try {
    value();
    ws();
    if (i < s.length) fail();
  } catch (pos) {
    return typeof pos === 'number' ? pos : 0;
  }
  return s.length;
}

/** The default configuration: ABC on revenue (20/50/30), RFM quintiles, activity. */
export function defaultConfig(overrides: Partial<TieringConfigInput> = {}): TieringConfig {
  const res = parseConfig({ version: CONFIG_VERSION, ...overrides });
  if (!res.ok) throw new Error(`invalid config overrides: ${res.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return res.config;
}

export function formatConfigErrors(errors: ConfigFieldError[]): string {
  return errors.map((e) => `  - ${e.path || '(config)'}: ${e.message}`).join('\n');
}
