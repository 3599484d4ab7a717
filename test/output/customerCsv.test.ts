import { defaultConfig } from '../../src/config';
import { classify } from '../../src/engine/classify';
import type { Cell } from '../../src/engine/types';
import { csvColumns, toCsv, writeCustomerCsv } from '../../src/output/customerCsv';

/** 30,000 customers, two orders each: a CSV of several megabytes. */
function bigResult() {
  const values: Cell[][] = [['customer_id', 'order_date', 'amount']];
  for (let c = 0; c < 30_000; c++) values.push([`C${String(c).padStart(6, '0')}`, 45000 + (c % 700), 10 + (c % 97) / 7], [`C${String(c).padStart(6, '0')}`, 45300 + (c % 300), 5.5]);
  const config = defaultConfig({});
  return { result: classify({ orders: { name: 'Orders', values } }, config), config };
}

test('the per-customer CSV comes in chunks of whole lines that join to the whole document', () => {
  const { result, config } = bigResult();
  const columns = csvColumns(result, []);
  const chunks: string[] = [];
  writeCustomerCsv(result, columns, (c) => chunks.push(c), { locale: 'en-US', config }, false);
  expect(chunks.length).toBeGreaterThan(2);
  for (const c of chunks) expect(c.endsWith('\r\n')).toBe(true);
  const whole = chunks.join('');
  expect(whole).toBe(toCsv(result, columns, { locale: 'en-US', config }, false));
  const lines = whole.split('\r\n');
  expect(lines[0]).toBe('\uFEFF' + 'customer_id,orders,revenue,recency_days,first_order,last_order,avg_order_value,orders_per_month,abc,abc_action,rfm_r,rfm_f,rfm_m,rfm_score,rfm_segment,rfm_segment_action,activity,activity_action,frequency_tier,frequency_tier_action,spend_tier,spend_tier_action,churn_risk,churn_risk_action');
  expect(lines).toHaveLength(30_000 + 2);
  // every line has the header's number of fields (quoted actions hold commas)
  const fields = (l: string) => l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.length - 1;
  expect(new Set(lines.slice(1, -1).map(fields))).toEqual(new Set([24]));
  expect(lines[1]).toMatch(/^C000000,2,/);
});
