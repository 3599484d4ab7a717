// Dimensions: category columns of the customer table (region, industry, size, or any header)
// carried into the result and cross-tabulated against each method's tiers.
import type { CrossTab, CustomerData, MethodSummary } from '../types';
import type { Warning } from './rfm';

export interface DimensionColumn {
  /** Dimension name as configured. */
  name: string;
  /** Result column name (the name, or dim_<name> when it would clash with a result column). */
  column: string;
  values: (string | null)[];
}

function asText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

/** Finds the column of a dimension: a mapped key (region, ...), a header, or a header ignoring case. */
function findSource(name: string, customers: CustomerData, mapping: Record<string, string>): (string | number | boolean | null)[] | null {
  if (customers.attributes[name]) return customers.attributes[name];
  if (mapping[name] && customers.raw[mapping[name]]) return customers.raw[mapping[name]];
  if (customers.raw[name]) return customers.raw[name];
  const lower = name.trim().toLowerCase();
  for (const key of Object.keys(customers.attributes)) if (key.toLowerCase() === lower) return customers.attributes[key];
  for (const key of Object.keys(customers.raw)) if (key.trim().toLowerCase() === lower) return customers.raw[key];
  return null;
}

/** Customer-table columns cross-tabbed when none are listed: the ones header matching found. */
const DETECTED = ['region', 'industry', 'size'] as const;

/** The user's headers that detection would cross-tab, given the customer table's resolved mapping. */
export function detectedDimensionHeaders(mapping: Readonly<Record<string, string | undefined>>): string[] {
  return DETECTED.map((k) => mapping[k]).filter((h): h is string => typeof h === 'string' && h !== '');
}

/**
 * The dimensions of a run: the configured list, or (when it is empty and detection is on) the
 * region/industry/size columns the customer table's headers were matched to, with a note naming
 * the user's headers so the run says what it picked up.
 */
export function chosenDimensions(
  list: readonly string[],
  detect: boolean,
  customers: CustomerData | null,
  mapping: Record<string, string>,
): { names: string[]; warnings: Warning[] } {
  if (list.length || !detect || !customers) return { names: [...list], warnings: [] };
  const names = DETECTED.filter((k) => mapping[k] !== undefined && customers.attributes[k] !== undefined);
  if (!names.length) return { names, warnings: [] };
  return { names, warnings: [{ code: 'dimensions_detected', params: { columns: names.map((k) => mapping[k]!) } }] };
}

export function dimensionColumns(
  names: string[],
  customers: CustomerData | null,
  ids: string[],
  taken: Set<string>,
  mapping: Record<string, string> = {},
): { dims: DimensionColumn[]; warnings: Warning[] } {
  const dims: DimensionColumn[] = [];
  const warnings: Warning[] = [];
  const rowOf = new Map<string, number>();
  if (customers) for (let i = 0; i < customers.n; i++) if (!rowOf.has(customers.customer[i])) rowOf.set(customers.customer[i], i);
  for (const name of names) {
    const src = customers ? findSource(name, customers, mapping) : null;
    if (!src) {
      warnings.push({ code: 'dimension_not_found', params: { dimension: name } });
      continue;
    }
    const values = ids.map((id) => {
      const r = rowOf.get(id);
      return r === undefined ? null : asText(src[r]);
    });
    let column = name;
    if (taken.has(column)) column = `dim_${name}`;
    taken.add(column);
    dims.push({ name, column, values });
  }
  return { dims, warnings };
}

/** Blank dimension values are counted under ''. Values are sorted for a stable layout. */
export function crossTab(summary: MethodSummary, tiers: (string | null)[], dim: DimensionColumn): CrossTab {
  const rowTiers = summary.tiers.map((t) => t.tier);
  const rowIndex = new Map(rowTiers.map((t, i) => [t, i]));
  const valueSet = new Set<string>();
  for (let i = 0; i < tiers.length; i++) if (tiers[i] !== null) valueSet.add(dim.values[i] ?? '');
  const columnValues = [...valueSet].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a < b ? -1 : a > b ? 1 : 0));
  const colIndex = new Map(columnValues.map((v, j) => [v, j]));
  const counts = rowTiers.map(() => new Array<number>(columnValues.length).fill(0));
  for (let i = 0; i < tiers.length; i++) {
    const t = tiers[i];
    if (t === null) continue;
    const r = rowIndex.get(t);
    if (r === undefined) continue;
    counts[r][colIndex.get(dim.values[i] ?? '')!]++;
  }
  return { method: summary.method, dimension: dim.name, rowTiers, columnValues, counts };
}
