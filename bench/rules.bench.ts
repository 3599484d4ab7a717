// Rule benchmark: a 5-rule set (numbers, text with 中文, ISO-text dates, days_since, between,
// in, contains, arithmetic) over 100,000 customers shaped like the engine's customer table,
// 10% of them blank (potential customers). Baseline in the same run: the same tiers computed
// by a hand-written JavaScript loop, so the ratio shows what the rule language costs.
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { applyRuleSets, compileRuleSet, evaluateRuleSet, fieldsOfTable } from '../src/engine/methods/rules';
import { rng } from '../src/cli/random';

const CUSTOMERS = 100_000;
const RUNS = 11;
const DAY = 86_400_000;
const ANALYSIS = Date.UTC(2024, 11, 31);

export function customerTable(n = CUSTOMERS, seed = 7): ColumnTable {
  const r = rng(seed);
  const regions = ['华东', '华北', '华南', 'West', 'East'];
  const sizes = ['大型', '中型', '小型'];
  const cols = {
    customer_id: [] as string[],
    region: [] as (string | null)[],
    公司规模: [] as (string | null)[],
    orders: [] as (number | null)[],
    revenue: [] as (number | null)[],
    monthly_spend: [] as (number | null)[],
    orders_per_month: [] as (number | null)[],
    last_order: [] as (string | null)[],
    abc: [] as (string | null)[],
  };
  for (let i = 0; i < n; i++) {
    const potential = r() < 0.1;
    cols.customer_id.push(`C${i}`);
    cols.region.push(r() < 0.05 ? null : regions[Math.floor(r() * regions.length)]);
    cols.公司规模.push(sizes[Math.floor(r() * sizes.length)]);
    const orders = potential ? null : 1 + Math.floor(r() * 30);
    const revenue = orders === null ? null : Math.round(orders * (20 + r() * 300));
    cols.orders.push(orders);
    cols.revenue.push(revenue);
    cols.monthly_spend.push(revenue === null ? null : revenue / (1 + r() * 24));
    cols.orders_per_month.push(orders === null ? null : orders / (1 + r() * 24));
    cols.last_order.push(orders === null ? null : new Date(ANALYSIS - Math.floor(r() * 700) * DAY).toISOString().slice(0, 10));
    cols.abc.push(orders === null ? null : ['A', 'B', 'C'][Math.floor(r() * 3)]);
  }
  return aq.table(cols);
}

export const RULE_SET = {
  name: 'Ecommerce ABC',
  rules: [
    { tier: 'Key', when: "region in ('华东', '华北') 且 公司规模 = '大型' and revenue >= 3000" },
    { tier: 'A', when: 'monthly_spend > 1000 and orders_per_month >= 4' },
    { tier: 'B', when: 'monthly_spend between 500 and 1000 or abc = \'A\'' },
    { tier: 'Lapsing', when: "days_since(last_order) > 365 and region contains 'east'" },
    { tier: 'Small', when: 'revenue / orders < 60 or orders is blank' },
  ],
  otherwise: 'C',
};

/** The same classification written directly in JavaScript (the baseline). */
function handWritten(t: ColumnTable): string[] {
  const region = t.array('region') as (string | null)[];
  const size = t.array('公司规模') as (string | null)[];
  const orders = t.array('orders') as (number | null)[];
  const revenue = t.array('revenue') as (number | null)[];
  const spend = t.array('monthly_spend') as (number | null)[];
  const opm = t.array('orders_per_month') as (number | null)[];
  const last = t.array('last_order') as (string | null)[];
  const abc = t.array('abc') as (string | null)[];
  const analysisDay = ANALYSIS / DAY;
  const out = new Array<string>(t.numRows());
  for (let i = 0; i < out.length; i++) {
    const rg = region[i];
    const rev = revenue[i];
    const sp = spend[i];
    const o = orders[i];
    const lo = last[i];
    const days = lo === null ? NaN : analysisDay - Date.parse(`${lo}T00:00:00Z`) / DAY;
    if ((rg === '华东' || rg === '华北') && size[i] === '大型' && rev !== null && rev >= 3000) out[i] = 'Key';
    else if (sp !== null && sp > 1000 && opm[i] !== null && opm[i]! >= 4) out[i] = 'A';
    else if ((sp !== null && sp >= 500 && sp <= 1000) || abc[i]?.toLowerCase() === 'a') out[i] = 'B';
    else if (days > 365 && rg !== null && rg.toLowerCase().includes('east')) out[i] = 'Lapsing';
    else if ((rev !== null && o !== null && o !== 0 && rev / o < 60) || o === null) out[i] = 'Small';
    else out[i] = 'C';
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Median and minimum wall time and median CPU time (user + system) of RUNS calls. The machine is shared, so
 * CPU time is reported too: it is what the work costs when the process is not waiting for a core.
 */
function time<T>(f: () => T): { ms: number; minMs: number; cpuMs: number; value: T } {
  let value!: T;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    value = f();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(wall), minMs: Math.min(...wall), cpuMs: median(cpu), value };
}

export async function bench(): Promise<Record<string, unknown>> {
  const table = customerTable();
  const options = { analysisDate: new Date(ANALYSIS) };
  const fields = fieldsOfTable(table);
  const compile = time(() => compileRuleSet(RULE_SET, fields, 'en-US', options));
  if (!compile.value.ok) throw new Error(compile.value.errors.map((e) => e.message).join('\n'));
  const compiled = compile.value.compiled;
  const evaluate = time(() => evaluateRuleSet(compiled, table));
  const apply = time(() => applyRuleSets(table, [RULE_SET], 'en-US', options));
  const baseline = time(() => handWritten(table));
  const same = baseline.value.every((x, i) => x === evaluate.value.tiers[i]);
  if (!same) throw new Error('rule engine and hand-written baseline disagree');
  const result = {
    customers: CUSTOMERS,
    rules: RULE_SET.rules.length,
    compile_ms: +compile.ms.toFixed(2),
    evaluate_ms: +evaluate.ms.toFixed(1),
    evaluate_min_ms: +evaluate.minMs.toFixed(1),
    evaluate_cpu_ms: +evaluate.cpuMs.toFixed(1),
    apply_ms: +apply.ms.toFixed(1),
    apply_cpu_ms: +apply.cpuMs.toFixed(1),
    handwritten_ms: +baseline.ms.toFixed(1),
    handwritten_cpu_ms: +baseline.cpuMs.toFixed(1),
    ratio_evaluate_vs_handwritten: +(evaluate.ms / baseline.ms).toFixed(2),
    coverage: evaluate.value.report.rules.map((r) => ({ tier: r.tier, matched: r.matched, matchedIfFirst: r.matchedIfFirst })),
  };
  console.log(
    `rules: ${CUSTOMERS.toLocaleString('en-US')} customers × ${result.rules} rules — evaluate ${result.evaluate_ms} ms ` +
      `(min ${result.evaluate_min_ms} ms, CPU ${result.evaluate_cpu_ms} ms), applyRuleSets incl. type inference ${result.apply_ms} ms (CPU ${result.apply_cpu_ms} ms), ` +
      `compile ${result.compile_ms} ms; hand-written JS ${result.handwritten_ms} ms (CPU ${result.handwritten_cpu_ms} ms), ratio ×${result.ratio_evaluate_vs_handwritten}`,
  );
  return result;
}
