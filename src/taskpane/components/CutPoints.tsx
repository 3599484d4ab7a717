// The cut points and thresholds a method actually used, as short localized lines.
import { makeStyles, tokens } from '@fluentui/react-components';
import { formatNumber, formatPercent, useLocale, useT } from '../i18n';

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: '1.1em', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

type Obj = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const nums = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);

/** Which part of result.cuts belongs to a summary's method. */
export function cutsFor(method: string, cuts: Record<string, unknown>): { kind: string; data: Obj } | null {
  const pick = (k: string) => (cuts[k] && typeof cuts[k] === 'object' ? (cuts[k] as Obj) : null);
  if (method === 'abc' && pick('abc')) return { kind: 'abc', data: pick('abc')! };
  if (method === 'rfm_segment' && pick('rfm')) return { kind: 'rfm', data: pick('rfm')! };
  const act = pick('activity');
  if (act && ['activity', 'frequency_tier', 'spend_tier', 'churn_risk'].includes(method)) return { kind: method, data: act };
  return null;
}

export function CutPoints({ method, cuts }: { method: string; cuts: Record<string, unknown> }) {
  const tr = useT();
  const locale = useLocale();
  const st = useStyles();
  const found = cutsFor(method, cuts);
  if (!found) return null;
  const { kind, data } = found;
  const n = (x: number, d = 2) => formatNumber(locale, x, d);
  const list = (xs: number[]) => xs.map((x) => n(x)).join(', ');
  const lines: string[] = [];
  if (kind === 'abc') {
    const mode = String(data.mode);
    lines.push(tr('cuts.abc.rule', { basis: tr(`methods.basis.${String(data.basis)}`), mode: tr(`methods.abc.mode.${mode}`), cuts: nums(data.cuts).map((c) => formatPercent(locale, c)).join(', ') }));
    for (const c of Array.isArray(data.classes) ? (data.classes as Obj[]) : []) {
      const lo = num(c.min);
      const hi = num(c.max);
      if (lo !== null && hi !== null) lines.push(tr('cuts.abc.class', { label: String(c.label), min: n(lo), max: n(hi) }));
    }
  } else if (kind === 'rfm') {
    lines.push(tr('cuts.rfm.rule', { scoring: tr(`methods.rfm.scoring.${String(data.scoring)}`), bins: String(data.bins) }));
    for (const k of ['recency', 'frequency', 'monetary'] as const) if (nums(data[k]).length) lines.push(tr(`cuts.rfm.${k}`, { cuts: list(nums(data[k])) }));
  } else if (kind === 'activity') {
    lines.push(tr('cuts.activity', { active: String(data.activeDays), silent: String(data.silentDays), fresh: String(data.newDays) }));
  } else if (kind === 'frequency_tier') {
    const f = (data.frequency ?? {}) as Obj;
    lines.push(tr('cuts.frequency', { week: n(num(f.perWeek) ?? 0), month: n(num(f.perMonth) ?? 0) }));
  } else if (kind === 'spend_tier') {
    const s = (data.spend ?? {}) as Obj;
    if (num(s.highAov) !== null && num(s.lowAov) !== null) lines.push(tr('cuts.spend', { high: n(num(s.highAov)!), low: n(num(s.lowAov)!) }));
  } else if (kind === 'churn_risk') {
    const c = (data.churn ?? {}) as Obj;
    lines.push(tr('cuts.churn', { ratio: n(num(c.gapRatio) ?? 0), drop: formatPercent(locale, num(c.rateDrop) ?? 0), window: String(c.windowDays), min: String(c.minOrders) }));
  }
  if (lines.length === 0) return null;
  return (
    <ul className={st.list} aria-label={tr('results.cuts')}>
      {lines.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}
