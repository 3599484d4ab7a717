// Per-customer results against the generator's lines (summed in corpus.ts, without the engine).
import type { ClassificationResult } from '../../../src/engine/types';
import { expected, type Entry } from './corpus';

export function perCustomer(result: ClassificationResult) {
  const rows = result.customers.objects() as { customer_id: string; name?: string | null; orders: number; revenue: number; last_order: string }[];
  return new Map(rows.map((r) => [r.customer_id, { revenue: r.revenue, orders: r.orders, name: r.name ?? null, last: r.last_order }]));
}

export function expectSameCustomers(result: ClassificationResult, e: Entry, withNames: boolean): void {
  const want = expected(e);
  const got = perCustomer(result);
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [id, w] of want) {
    const g = got.get(id)!;
    expect([id, g.orders, g.last]).toEqual([id, w.orders, w.last]);
    expect(g.revenue).toBeCloseTo(w.revenue, 6);
    if (withNames) expect([id, g.name]).toEqual([id, w.name]);
  }
}

