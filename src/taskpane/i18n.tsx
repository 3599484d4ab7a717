// The pane's translator, from context: every visible string goes through t().
import { createContext, useCallback, useContext } from 'react';
import { t as translate, type Locale } from '../i18n';
import './i18nCatalogue';

export const LocaleContext = createContext<Locale>('en-US');

export type Translate = (key: string, params?: Record<string, string | number>) => string;

export function useT(): Translate {
  const locale = useContext(LocaleContext);
  return useCallback((key: string, params?: Record<string, string | number>) => translate(locale, key, params), [locale]);
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

// Tier, method and column names: the one definition shared with the workbook and the CLI.
export { columnHeader, methodLabel, ruleNames, tierLabel } from '../output/labels';

export function formatPercent(locale: Locale, x: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(x);
}

export function formatNumber(locale: Locale, x: number, digits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(x);
}
