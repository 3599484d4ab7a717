// The per-customer CSV (`classify --csv`). Headers are the stable column keys (for machines);
// with `labels`, tier values read in the run's language and each tier column is followed by
// `<column>_action`, the playbook's action for the tier (the stable tier keys are in the JSON
// report's tierLabels). `raw: false` guards formula-like text (csvGuard.ts).
//
// Written in chunks of about a megabyte: 100,000 customers × 24 columns is 40 MB of text, which
// as one string (and an array of 100,000 lines before it) doubled the CLI's peak memory. A tier
// column has a handful of values, so each value's label, action and quoting is worked out once.
import type { TieringConfig } from '../config/schema';
import { isTierMethod, outputColumns } from '../engine/columns';
import { columnValues } from '../engine/methods/rules/evaluate';
import type { ClassificationResult } from '../engine/types';
import type { Locale } from '../i18n';
import { CSV_BOM, CSV_EOL, csvField, csvNumber, csvText } from './csv';
import { tierLabel } from './labels';
import { playFor } from './playbook';

export interface CsvLabels {
  locale: Locale;
  config: TieringConfig;
}

const CHUNK = 1 << 20;

export function csvColumns(result: ClassificationResult, dimensionColumns: string[]): string[] {
  return outputColumns('csv', result.customers.columnNames(), dimensionColumns);
}

type Field = (i: number) => string;

/** A tier column's label and action as one "label,action" text per tier key (memoised: few keys, many rows). */
function tierFields(a: ArrayLike<unknown>, column: string, labels: CsvLabels, raw: boolean): Field {
  const memo = new Map<unknown, string>();
  return (i) => {
    const v = a[i];
    let pair = memo.get(v);
    if (pair === undefined) {
      const key = v === null || v === undefined || v === '' ? null : String(v);
      pair = key === null ? ',' : `${csvText(tierLabel(labels.locale, column, key), raw)},${csvField(playFor(labels.locale, column, key, labels.config)?.action ?? null, raw)}`;
      memo.set(v, pair);
    }
    return pair;
  };
}

/** A plain column's field: a typed array holds only numbers, so it skips csvField's type tests. */
function plainField(a: ArrayLike<unknown>, raw: boolean): Field {
  if (ArrayBuffer.isView(a) && !(a instanceof BigInt64Array || a instanceof BigUint64Array)) {
    const nums = a as unknown as ArrayLike<number>;
    return (i) => csvNumber(nums[i]);
  }
  return (i) => csvField(a[i], raw);
}

/** Calls `sink` with the CSV's text in order, chunk by chunk (BOM first, CRLF line ends). */
export function writeCustomerCsv(result: ClassificationResult, columns: string[], sink: (chunk: string) => void, labels?: CsvLabels, raw = true): void {
  const t = result.customers;
  const headers: string[] = [];
  const fields: Field[] = [];
  for (const c of columns) {
    const a = columnValues(t, c);
    headers.push(c);
    if (!labels || !isTierMethod(c)) {
      fields.push(plainField(a, raw));
      continue;
    }
    headers.push(`${c}_action`);
    fields.push(tierFields(a, c, labels, raw));
  }
  let chunk = CSV_BOM + headers.map((h) => csvText(h, raw)).join(',') + CSV_EOL;
  const n = t.numRows();
  const m = fields.length;
  for (let i = 0; i < n; i++) {
    let line = m > 0 ? fields[0](i) : '';
    for (let j = 1; j < m; j++) line += ',' + fields[j](i);
    chunk += line + CSV_EOL;
    if (chunk.length >= CHUNK) {
      sink(chunk);
      chunk = '';
    }
  }
  if (chunk !== '') sink(chunk);
}

/** The whole per-customer CSV as one string (small results, tests). */
export function toCsv(result: ClassificationResult, columns: string[], labels?: CsvLabels, raw = true): string {
  const parts: string[] = [];
  writeCustomerCsv(result, columns, (c) => parts.push(c), labels, raw);
  return parts.join('');
}
