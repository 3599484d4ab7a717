// The pane's translator, from context: every visible string goes through t().
import { createContext, useCallback, useContext } from 'react';
import { t as translate, tryT, type Locale, type MessageKey, type Params } from '../i18n';

export const LocaleContext = createContext<Locale>('en-US');

export type Translate = (key: MessageKey, params?: Params) => string;

export function useT(): Translate {
  const locale = useContext(LocaleContext);
  return useCallback((key: MessageKey, params?: Params) => translate(locale, key, params), [locale]);
}

/** For keys built at run time (`warning.${code}`): the message, or `fallback` when none exists. */
export function useTryT(): (key: string, params?: Params, fallback?: string) => string {
  const locale = useContext(LocaleContext);
  return useCallback((key: string, params?: Params, fallback?: string) => tryT(locale, key, params, fallback), [locale]);
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

// Tier, method and column names: the one definition shared with the workbook and the CLI.
export { columnHeader, methodLabel, ruleNames, tierLabel } from '../output/labels';

/** Every share in the pane: always one decimal (20.0 %, 9.0 %, 27.1 %), like the sheets' 0.0% format. */
export function formatPercent(locale: Locale, x: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);
}

export function formatNumber(locale: Locale, x: number, digits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(x);
}
