// Preferences on a generated retail set, checked against an independent pandas implementation.
// Provenance: no public retail data set with product categories is available offline (the
// shared reference data, ../shared/data, has none), so the set is the demo generator's
// (src/cli/demoData.ts: seeded, fresh-food categories, channels, promotion flags; documented in
// docs/preferences.md). The reference (reference.py) recomputes the same facts with group-bys.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { generateDemo } from '../../../src/cli/demoData';
import { defaultConfig } from '../../../src/config';
import { classify } from '../../../src/engine/classify';
import type { Cell } from '../../../src/engine/types';

const PYTHON = '/usr/bin/python3';
const DAY = 86_400_000;
const hasPandas = (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import pandas'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

(hasPandas && fs.existsSync(PYTHON) ? describe : describe.skip)('generated retail set against pandas', () => {
  const demo = generateDemo({ customers: 800, seed: 11 });
  const head = demo.orders[0] as string[];
  const at = (h: string) => head.indexOf(h);
  // Clean lines only (the demo's deliberately messy cells are tested elsewhere).
  const rows = demo.orders.slice(1).filter((r) => r[at('订单日期')] instanceof Date && typeof r[at('金额')] === 'number');
  const grid: Cell[][] = [['客户ID', '订单日期', '金额', '品类', '渠道', '促销'], ...rows.map((r) => [String(r[at('客户ID')]).trim(), r[at('订单日期')] as unknown as Cell, r[at('金额')] as number, r[at('品类')] as string, r[at('渠道')] as string, r[at('促销')] as string])];
  const res = classify({ orders: { name: 'orders', values: grid } }, defaultConfig());
  const csv = ['customer,day,cents,category,channel,promo', ...grid.slice(1).map((r) => [r[0], ((r[1] as unknown as Date).getTime() / DAY).toFixed(0), Math.round((r[2] as number) * 100), r[3], r[4], r[5]].join(','))].join('\n');
  const ref = JSON.parse(execFileSync(PYTHON, [path.join(__dirname, 'reference.py')], { input: csv, encoding: 'utf8', maxBuffer: 1 << 26 })) as Record<string, Record<string, string | number>>;
  const tbl = res.customers;
  const col = (c: string) => tbl.array(c) as ArrayLike<unknown>;
  const ids = col('customer_id');

  it('every buyer has the same dominant category and channel, shares, breadth, weekend and promotion share', () => {
    let checked = 0;
    for (let i = 0; i < ids.length; i++) {
      const want = ref[String(ids[i])];
      if (!want) {
        expect(col('dominant_category')[i]).toBeNull();
        continue;
      }
      expect([ids[i], col('dominant_category')[i], col('dominant_channel')[i], col('category_count')[i]]).toEqual([ids[i], want.dominant_category, want.dominant_channel, want.category_count]);
      expect(col('dominant_category_share')[i] as number).toBeCloseTo(want.dominant_category_share as number, 12);
      expect(col('weekend_share')[i] as number).toBeCloseTo(want.weekend_share as number, 12);
      expect(col('discount_share')[i] as number).toBeCloseTo(want.discount_share as number, 12);
      checked++;
    }
    expect(checked).toBeGreaterThan(600);
  });

  it('the set behaves like fresh-food retail: weekend shoppers exist, some customers are discount-driven', () => {
    const day = Array.from(col('day_habit'));
    const price = Array.from(col('price_habit'));
    expect(day.filter((x) => x === 'weekend').length).toBeGreaterThan(10);
    expect(price.filter((x) => x === 'discount').length).toBeGreaterThan(40);
    expect(Array.from(col('next_category')).filter((x) => x !== null).length).toBeGreaterThan(100);
  });
});
