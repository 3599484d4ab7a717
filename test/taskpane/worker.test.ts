// The engine worker's messages, end to end in one thread: the clients post through a fake
// Worker that structured-clones every message both ways into the real handler.
import type { ColumnTable } from 'arquero';
import { defaultConfig, type RuleSetConfig } from '../../src/config';
import { classify } from '../../src/engine/classify';
import { CancelledError } from '../../src/workbook/port';
import { workerClassifier, workerRulePreviewer } from '../../src/taskpane/worker/client';
import { engineHandler } from '../../src/taskpane/worker/handler';
import type { FromWorker, ToWorker } from '../../src/taskpane/worker/protocol';
import { csvGrid } from './csv';

type Listener = (ev: { data?: FromWorker; message?: string }) => void;

/** A Worker whose thread is the test's: messages are cloned and delivered on later tasks. */
class FakeWorker {
  posted: ToWorker[] = [];
  terminated = false;
  /** Changes a message on its way in (e.g. to lose the table a worker should hold). */
  tamper: (m: ToWorker) => ToWorker = (m) => m;
  private listeners = new Map<string, Set<Listener>>();
  private handle = engineHandler((m) => {
    const data = structuredClone(m);
    setTimeout(() => !this.terminated && this.emit('message', { data }), 0);
  });
  postMessage(m: ToWorker) {
    const data = structuredClone(m);
    this.posted.push(data);
    setTimeout(() => !this.terminated && this.handle(this.tamper(data)), 0);
  }
  addEventListener(type: string, l: Listener) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(l);
  }
  removeEventListener(type: string, l: Listener) {
    this.listeners.get(type)?.delete(l);
  }
  terminate() {
    this.terminated = true;
  }
  private emit(type: string, ev: { data?: FromWorker }) {
    for (const l of this.listeners.get(type) ?? []) l(ev);
  }
}

const ORDERS = csvGrid('rfm_rsquaredacademy_orders.csv');
let customers: ColumnTable;
beforeAll(() => {
  customers = classify({ orders: { name: 'Orders', values: ORDERS } }, defaultConfig()).customers;
});

/** Customers with revenue above `x`, straight from the CSV (independent of the engine). */
function revenueAbove(x: number): { n: number; total: number } {
  const m = new Map<string, number>();
  for (const row of ORDERS.slice(1)) m.set(String(row[0]), (m.get(String(row[0])) ?? 0) + Number(row[2]));
  return { n: [...m.values()].filter((v) => v > x).length, total: m.size };
}

const set = (when: string, name = 'Key'): RuleSetConfig => ({ name, otherwise: 'Standard', rules: [{ tier: 'Top', when }] });
const live = () => new AbortController().signal;

describe('rule preview through the worker', () => {
  test('counts each rule set over the customers; the table crosses once, then only rule sets', async () => {
    const workers: FakeWorker[] = [];
    const preview = workerRulePreviewer(() => {
      workers.push(new FakeWorker());
      return workers.at(-1) as unknown as Worker;
    });
    const first = await preview(customers, { ruleSets: [set('revenue > 500'), set('revenu > 1', 'Broken')], locale: 'en-US' }, live());
    const expected = revenueAbove(500);
    expect(first.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['customer_id', 'revenue', 'orders', 'rfm_segment']));
    expect(first.fields.find((f) => f.name === 'last_order')?.type).toBe('date');
    expect(first.reports[0]).toMatchObject({ total: expected.total, otherwise: expected.total - expected.n });
    expect(first.reports[0]!.rules[0]).toMatchObject({ index: 0, matched: expected.n, matchedIfFirst: expected.n, neverMatches: false });
    expect(first.reports[1]).toBeNull(); // does not compile: no counts, and the other set still has its own

    const second = await preview(customers, { ruleSets: [set('revenue > 1e12')], locale: 'en-US', analysisDate: '2006-12-31' }, live());
    expect(second.reports[0]!.rules[0].neverMatches).toBe(true);
    expect(workers.length).toBe(1);
    const sent = workers[0].posted as Extract<ToWorker, { type: 'rulePreview' }>[];
    expect(sent.map((m) => m.type)).toEqual(['rulePreview', 'rulePreview']);
    expect(sent[0].customers?.names).toEqual(customers.columnNames());
    expect(sent[1].customers).toBeUndefined();
    expect(sent[1].analysisDate).toBe('2006-12-31');

    // Another result's table is sent again.
    const other = customers.filter((d: { revenue: number }) => d.revenue > 500);
    const third = await preview(other, { ruleSets: [set('revenue > 500')], locale: 'en-US' }, live());
    expect(third.reports[0]).toMatchObject({ total: expected.n, otherwise: 0 });
    expect((workers[0].posted[2] as Extract<ToWorker, { type: 'rulePreview' }>).customers?.names).toEqual(customers.columnNames());
  });

  test('a superseded request is cancelled at once; the newer one answers', async () => {
    const preview = workerRulePreviewer(() => new FakeWorker() as unknown as Worker);
    const ac = new AbortController();
    const old = preview(customers, { ruleSets: [set('revenue > 1')], locale: 'en-US' }, ac.signal);
    const fresh = preview(customers, { ruleSets: [set('revenue > 500')], locale: 'en-US' }, live());
    ac.abort();
    await expect(old).rejects.toBeInstanceOf(CancelledError);
    expect((await fresh).reports[0]!.rules[0].matched).toBe(revenueAbove(500).n);
  });

  test('a worker that lost the table says so, and the next request sends it again', async () => {
    const w = new FakeWorker();
    w.tamper = (m) => (m.type === 'rulePreview' ? { ...m, customers: undefined } : m);
    const preview = workerRulePreviewer(() => w as unknown as Worker);
    await expect(preview(customers, { ruleSets: [], locale: 'en-US' }, live())).rejects.toThrow(/no customer table/);
    w.tamper = (m) => m;
    const again = await preview(customers, { ruleSets: [set('orders >= 1')], locale: 'en-US' }, live());
    expect(again.reports[0]!.rules[0].matched).toBe(revenueAbove(-Infinity).total);
    expect((w.posted[1] as Extract<ToWorker, { type: 'rulePreview' }>).customers).toBeDefined();
  });
});

describe('classify through the worker', () => {
  test('the grid goes in slices and the result comes back as the same table', async () => {
    const w = new FakeWorker();
    const run = workerClassifier(() => w as unknown as Worker);
    const stages: string[] = [];
    const result = await run({ orders: { name: 'Orders', values: ORDERS } }, defaultConfig(), (p) => stages.push(p.stage), live());
    expect(result.customers.objects()).toEqual(customers.objects());
    expect(stages.length).toBeGreaterThan(0);
    expect(w.posted.map((m) => m.type)).toEqual(['classify']); // 4,907 rows: one slice
  });
});
