// Loads the CDNOW 1/10 sample (Fader, Hardie & Lee 2005) and its published summary, as shipped
// with lifetimes, into the engine's order shape.
import * as fs from 'fs';
import * as path from 'path';
import type { OrderData } from '../../../src/engine/types';

export const DATA = path.resolve(__dirname, '../../../../shared/data');

/** Calibration period ends 1997-09-30 (inclusive). */
export const CDNOW_CALIBRATION_END = Date.UTC(1997, 8, 30) / 86_400_000;

function ymdToDay(ymd: string): number {
  return Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)) - 1, Number(ymd.slice(6, 8))) / 86_400_000;
}

/** All orders of the sample (through 1998-06), customer id = sample_id without zero padding. */
export function loadCdnowSample(): OrderData {
  const lines = fs.readFileSync(path.join(DATA, 'lifetimes_CDNOW_sample.txt'), 'utf8').split(/\r?\n/);
  const customer: string[] = [];
  const day: number[] = [];
  const amount: number[] = [];
  for (const line of lines) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    customer.push(String(Number(f[1])));
    day.push(ymdToDay(f[2]));
    amount.push(Number(f[4]));
  }
  const n = customer.length;
  return {
    n,
    customer,
    day: Float64Array.from(day),
    amount: Float64Array.from(amount),
    profit: null,
    orderId: null,
    sourceRow: Int32Array.from({ length: n }, (_, i) => i + 1),
  };
}

/** Keeps the orders up to `lastDay` (the caller's job in the engine). */
export function ordersUpTo(o: OrderData, lastDay: number): OrderData {
  const keep: number[] = [];
  for (let i = 0; i < o.n; i++) if (o.day[i] <= lastDay) keep.push(i);
  return {
    n: keep.length,
    customer: keep.map((i) => o.customer[i]),
    day: Float64Array.from(keep, (i) => o.day[i]),
    amount: Float64Array.from(keep, (i) => o.amount[i]),
    profit: null,
    orderId: null,
    sourceRow: Int32Array.from(keep, (i) => o.sourceRow[i]),
  };
}

export interface PublishedSummaryRow {
  id: string;
  x: number;
  tx: number;
  T: number;
  zbar: number;
}

/** lifetimes' cdnow_customers_summary_with_transactions.csv (ID,x,t_x,T,zbar; weeks, 2 decimals). */
export function loadPublishedSummary(): PublishedSummaryRow[] {
  const text = fs.readFileSync(path.join(DATA, 'lifetimes_cdnow_customers_summary_with_transactions.csv'), 'utf8');
  const [header, ...rows] = text.split(/\r?\n/).filter((l) => l.trim());
  if (header.trim() !== 'ID,x,t_x,T,zbar') throw new Error(`unexpected header ${header}`);
  return rows.map((l) => {
    const [id, x, tx, T, zbar] = l.split(',');
    return { id, x: Number(x), tx: Number(tx), T: Number(T), zbar: Number(zbar) };
  });
}
