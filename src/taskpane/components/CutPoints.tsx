// The cut points and thresholds a method actually used, as short localized lines. The cuts are
// typed by each method's own result (engine/types MethodCuts), so nothing is re-checked here.
import { makeStyles, tokens } from '@fluentui/react-components';
import type { MethodCuts } from '../../engine/types';
import { formatNumber, formatPercent, useLocale, useT, type Translate } from '../i18n';
import type { Locale } from '../../i18n';

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: '1.1em', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

/** The lines describing the cuts behind one method's tiers (none when the method has none). */
export function cutLines(method: string, cuts: MethodCuts, tr: Translate, locale: Locale): string[] {
  const n = (x: number, d = 2) => formatNumber(locale, x, d);
  const lines: string[] = [];
  const { abc, rfm, activity } = cuts;
  if (method === 'abc' && abc) {
    lines.push(tr('cuts.abc.rule', { basis: tr(`methods.basis.${abc.basis}`), mode: tr(`methods.abc.mode.${abc.mode}`), cuts: abc.cuts.map((c) => formatPercent(locale, c)) }));
    for (const c of abc.classes) if (c.min !== null && c.max !== null) lines.push(tr('cuts.abc.class', { label: c.label, min: n(c.min), max: n(c.max) }));
  } else if (method === 'rfm_segment' && rfm) {
    lines.push(tr('cuts.rfm.rule', { scoring: tr(`methods.rfm.scoring.${rfm.scoring}`), bins: String(rfm.bins) }));
    for (const k of ['recency', 'frequency', 'monetary'] as const) if (rfm[k].length) lines.push(tr(`cuts.rfm.${k}`, { cuts: rfm[k].map((x) => n(x)) }));
  } else if (method === 'activity' && activity) {
    lines.push(tr('cuts.activity', { active: String(activity.activeDays), silent: String(activity.silentDays), fresh: String(activity.newDays) }));
  } else if (method === 'frequency_tier' && activity) {
    lines.push(tr('cuts.frequency', { week: n(activity.frequency.perWeek), month: n(activity.frequency.perMonth) }));
  } else if (method === 'spend_tier' && activity) {
    const { highAov, lowAov } = activity.spend;
    if (Number.isFinite(highAov) && Number.isFinite(lowAov)) lines.push(tr('cuts.spend', { high: n(highAov), low: n(lowAov) }));
  } else if (method === 'churn_risk' && activity) {
    const c = activity.churn;
    lines.push(tr('cuts.churn', { ratio: n(c.gapRatio), drop: formatPercent(locale, c.rateDrop), window: String(c.windowDays), min: String(c.minOrders) }));
  }
  return lines;
}

export function CutPoints({ method, cuts }: { method: string; cuts: MethodCuts }) {
  const tr = useT();
  const locale = useLocale();
  const st = useStyles();
  const lines = cutLines(method, cuts, tr, locale);
  if (lines.length === 0) return null;
  return (
    <ul className={st.list} aria-label={tr('results.cuts')}>
      {lines.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}
