// Which columns a rule may name, and their types (inferred from the table's values).
import type { ColumnTable } from 'arquero';
import { isCalendarDate } from '../../calendar';
import { columnValues } from './evaluate';
import type { FieldInfo, ValueType } from './types';

/** Types of the engine's metric columns, used when a column is entirely blank. */
const KNOWN_TYPES: Record<string, ValueType> = {
  customer_id: 'string',
  name: 'string',
  orders: 'number',
  revenue: 'number',
  profit: 'number',
  avg_order_value: 'number',
  recency_days: 'number',
  active_days: 'number',
  orders_per_week: 'number',
  orders_per_month: 'number',
  monthly_spend: 'number',
  mean_gap_days: 'number',
  median_gap_days: 'number',
  rfm_r: 'number',
  rfm_f: 'number',
  rfm_m: 'number',
  rfm_score: 'number',
  first_order: 'date',
  last_order: 'date',
  abc: 'string',
  rfm_segment: 'string',
  activity: 'string',
  frequency_tier: 'string',
  spend_tier: 'string',
  churn_risk: 'string',
  // Needs and habits (issue 15): e.g. dominant_category = '有机蔬菜' and weekend_share > 0.6
  dominant_category: 'string',
  dominant_category_share: 'number',
  category_count: 'number',
  newest_category: 'string',
  dominant_channel: 'string',
  dominant_channel_share: 'number',
  channel_count: 'number',
  weekend_share: 'number',
  time_band: 'string',
  peak_month: 'number',
  peak_month_share: 'number',
  discount_share: 'number',
  day_habit: 'string',
  breadth_habit: 'string',
  price_habit: 'string',
  next_category: 'string',
  next_category_support: 'number',
};

/**
 * The engine's customer-table columns with their types, plus customer headers as text: lets the
 * task pane check rules while the user types, before any classification has run.
 */
export function engineFields(customerHeaders: readonly string[] = []): FieldInfo[] {
  const fields: FieldInfo[] = Object.entries(KNOWN_TYPES).map(([name, type]) => ({ name, type }));
  const known = new Set(fields.map((f) => f.name));
  for (const h of customerHeaders) {
    if (known.has(h)) continue;
    fields.push({ name: h, type: 'string' });
    known.add(h);
  }
  return fields;
}

function isBlank(x: unknown): boolean {
  return x === null || x === undefined || (typeof x === 'number' && Number.isNaN(x)) || (typeof x === 'string' && !/\S/.test(x));
}

/**
 * Column types inferred from the values: all numbers → number, all Dates or YYYY-MM-DD texts →
 * date, all booleans → boolean; anything else (or a mix) → string. Blank cells are ignored; an
 * entirely blank column takes the engine metric's type, else string.
 */
export function fieldsOfTable(table: ColumnTable): FieldInfo[] {
  const fields: FieldInfo[] = [];
  for (const name of table.columnNames()) {
    // A column arquero cannot hold as data (e.g. "__proto__") is left out, so rules cannot name it.
    const col = table.column(name) as { at?: unknown } | undefined;
    if (!col || typeof col.at !== 'function') continue;
    const type = inferType(columnValues(table, name));
    const known = Object.prototype.hasOwnProperty.call(KNOWN_TYPES, name) ? KNOWN_TYPES[name] : undefined;
    fields.push({ name, type: type === undefined ? (known ?? 'string') : type === 'mixed' ? 'string' : type });
  }
  return fields;
}

/** Type of a column's values; undefined when all are blank. */
function inferType(values: ArrayLike<unknown>): ValueType | 'mixed' | undefined {
  let type: ValueType | undefined;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (isBlank(x)) continue;
    let kind: ValueType;
    if (typeof x === 'number') kind = 'number';
    else if (typeof x === 'string') kind = isCalendarDate(x) ? 'date' : 'string';
    else if (typeof x === 'boolean') kind = 'boolean';
    else kind = x instanceof Date ? 'date' : 'string';
    if (type !== undefined && type !== kind) return 'mixed';
    // Text that is not a date makes the column text whatever follows: stop scanning.
    if (kind === 'string') return 'string';
    type = kind;
  }
  return type;
}

