// The CLV holdout check on the Summary sheet: the verdict, totals and error figures, predicted
// vs actual purchases per calibration-frequency bin, cumulative repeat purchases week by week,
// and two native charts of them (placed right of the Summary's chart column, beside the data).
import type { ClassificationResult } from '../engine/types';
import type { ClvReport } from '../engine/methods/clv';
import { t, tryT, type Locale } from '../i18n';
import type { ChartSpec } from './ops';
import type { SheetBuilder } from './cells';
import { NOTE_FONT } from './labels';

const TWO = '0.00';
const INT = '#,##0';

/** The holdout report of a CLV run, when there is one. */
export function clvHoldout(result: ClassificationResult): NonNullable<ClvReport['holdout']> | null {
  const clv = result.reports.clv as ClvReport | undefined;
  return clv?.holdout ?? null;
}

/** The verdict sentence of a holdout report in the user's language. */
export function holdoutVerdict(L: Locale, h: NonNullable<ClvReport['holdout']>): string {
  return tryT(L, h.verdict.code, h.verdict.params);
}

/** The section's tables use columns A–D; its charts start at F, beside them. */
const CHART_COL = 5;

/**
 * Writes the section at b.row (columns A–D) and returns its charts, anchored beside it (the
 * cursor ends below both, so they overlap nothing else): per-bin predicted vs actual
 * (columns) and the cumulative tracking (lines). Nothing when the run has no holdout report.
 */
export function clvValidation(b: SheetBuilder, result: ClassificationResult, L: Locale, chartCol = CHART_COL): ChartSpec[] {
  const h = clvHoldout(result);
  if (!h) return [];
  const sheet = b.sheet;
  const top = b.row;
  b.title(t(L, 'clv.holdout.title', { from: h.calibrationEnd, to: h.holdoutEnd }));
  b.values(b.row, 0, [[holdoutVerdict(L, h)]]);
  b.format(b.row, 0, 1, 1, { bold: h.poor, fontColor: h.poor ? '#C00000' : NOTE_FONT });
  b.row += 2;
  const facts = b.alignedBlock(
    ['', t(L, 'clv.holdout.col_predicted'), t(L, 'clv.holdout.col_actual')],
    [
      [t(L, 'clv.holdout.total'), Math.round(h.predicted * 10) / 10, h.actual],
      [t(L, 'clv.holdout.mae'), Math.round(h.mae * 1000) / 1000, null],
      [t(L, 'clv.holdout.ratio'), Math.round(h.ratio * 1000) / 1000, null],
    ],
  );
  b.format(facts.row + 1, 1, 1, 2, { numberFormat: INT });
  const binsAt = b.alignedBlock(
    [t(L, 'clv.holdout.bin'), t(L, 'clv.holdout.customers'), t(L, 'clv.holdout.predicted'), t(L, 'clv.holdout.actual')],
    h.bins.map((x) => [x.bin, x.customers, round4(x.predicted), round4(x.actual)]),
  );
  b.format(binsAt.row + 1, 1, h.bins.length, 1, { numberFormat: INT });
  b.format(binsAt.row + 1, 2, h.bins.length, 2, { numberFormat: TWO });
  const weekAt = b.alignedBlock(
    [t(L, 'clv.holdout.week'), t(L, 'clv.holdout.cum_predicted'), t(L, 'clv.holdout.cum_actual')],
    h.weekly.map((w) => [w.date, Math.round(w.predicted * 10) / 10, w.actual]),
  );
  b.format(weekAt.row + 1, 1, h.weekly.length, 2, { numberFormat: INT });
  const bins = { sheet, row: binsAt.row + 1, rows: h.bins.length };
  const weeks = { sheet, row: weekAt.row + 1, rows: h.weekly.length };
  return [
    {
      name: 'ct_clv_holdout_bins',
      type: 'column',
      title: t(L, 'clv.holdout.chart_bins'),
      categories: { ...bins, col: 0 },
      series: [
        { name: t(L, 'clv.holdout.predicted'), ...bins, col: 2 },
        { name: t(L, 'clv.holdout.actual'), ...bins, col: 3 },
      ],
      anchor: { row: top + 3, col: chartCol, rows: 16, cols: 8 },
    },
    {
      name: 'ct_clv_holdout_tracking',
      type: 'line',
      title: t(L, 'clv.holdout.chart_cumulative', { date: h.calibrationEnd }),
      categories: { ...weeks, col: 0 },
      series: [
        { name: t(L, 'clv.holdout.cum_predicted'), ...weeks, col: 1, kind: 'line' },
        { name: t(L, 'clv.holdout.cum_actual'), ...weeks, col: 2, kind: 'line' },
      ],
      anchor: { row: top + 20, col: chartCol, rows: 18, cols: 8 },
    },
  ];
}

function round4(x: number): number | null {
  return Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : null;
}
