// Campaign lists: the customers of chosen tiers with the contact columns of the customer table
// (name, phone, e-mail, owner), for e-mail/SMS/CRM import. Pure: the CLI (--export) and the task
// pane call it. A CSV opened in Excel turns text starting with = + - @ (or a tab or CR) into a
// formula; such text gets a leading apostrophe, so a name like "=HYPERLINK(...)" stays text.
import { guardFormula as guardText } from '../engine/csvGuard';
import { csvDocument } from './csv';
import type { TieringConfig } from '../config/schema';
import type { ClassificationResult, SourceGrid } from '../engine/types';
import { isTierMethod } from '../engine/columns';
import { t, type Locale, type MessageKey, type Params } from '../i18n';
import type { CellValue } from './ops';
import { columnHeader, methodLabel, tierLabel, type RuleNames } from './labels';
import { playFor } from './playbook';
import { idColumnOf } from './plan';

/** Which customers: method → tier keys (a customer in any chosen tier of any method). */
export type TierSelection = { method: string; tiers: string[] }[];

export type SelectionResult = { ok: true; selection: TierSelection } | { ok: false; key: MessageKey; params: Params };

/**
 * Parses `abc=A,activity=silent` (also `abc=A+B`; tiers by key or by their label in either
 * language) against the run's tier columns and tiers.
 */
export function parseTierSelection(spec: string, result: Pick<ClassificationResult, 'customers'>, rules: RuleNames = {}): SelectionResult {
  const methods = result.customers.columnNames().filter(isTierMethod);
  const byMethod = new Map<string, string[]>();
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) return { ok: false, key: 'mg.export.usage', params: { methods } };
    const m = part.slice(0, eq).trim();
    const method = methods.find((x) => x === m || methodLabel('zh-CN', x, rules) === m || methodLabel('en-US', x, rules) === m);
    if (!method) return { ok: false, key: 'mg.export.unknownMethod', params: { method: m, methods } };
    const present = tiersOf(result, method);
    for (const want of part.slice(eq + 1).split('+').map((s) => s.trim())) {
      const tier = present.find((k) => k === want || tierLabel('zh-CN', method, k) === want || tierLabel('en-US', method, k) === want || k.toLowerCase() === want.toLowerCase());
      if (!tier) return { ok: false, key: 'mg.export.unknownTier', params: { method, tier: want, tiers: present } };
      byMethod.set(method, [...(byMethod.get(method) ?? []), tier]);
    }
  }
  if (!byMethod.size) return { ok: false, key: 'mg.export.usage', params: { methods } };
  return { ok: true, selection: [...byMethod].map(([method, tiers]) => ({ method, tiers })) };
}

type Table = ClassificationResult['customers'];

function selectionColumns(tbl: Table, selection: TierSelection) {
  return selection.filter((s) => tbl.columnNames().includes(s.method)).map((s) => ({ ...s, values: tbl.array(s.method) as ArrayLike<unknown>, set: new Set(s.tiers) }));
}

/** How many customers are in any of the chosen tiers (one in two chosen tiers counts once). */
export function countSelected(result: Pick<ClassificationResult, 'customers'>, selection: TierSelection): number {
  const cols = selectionColumns(result.customers, selection);
  let n = 0;
  for (let i = 0; i < result.customers.numRows(); i++) if (cols.some((c) => c.set.has(String(c.values[i])))) n++;
  return n;
}

function tiersOf(result: Pick<ClassificationResult, 'customers'>, method: string): string[] {
  const col = result.customers.array(method) as ArrayLike<unknown>;
  const seen = new Set<string>();
  for (let i = 0; i < col.length; i++) if (col[i] != null && col[i] !== '') seen.add(String(col[i]));
  return [...seen];
}

/** Contact columns found by their header, in either language. */
const CONTACTS = [
  { key: 'phone', header: 'mg.export.phone', re: /电话|手机|联系方式|phone|mobile|tel\b|telephone/i },
  { key: 'email', header: 'mg.export.email', re: /邮箱|邮件|e-?mail/i },
  // 销售 alone or as a person (销售员, 销售代表), never 销售额 (revenue): an amount is no owner.
  { key: 'owner', header: 'mg.export.owner', re: /负责人|^销售$|销售(员|代表|人员|经理)|客户经理|owner|account manager|sales ?rep/i },
] as const;

/** Index of each contact column in the customer table's header row (first match wins). */
export function contactColumns(header: readonly CellValue[]): Partial<Record<'phone' | 'email' | 'owner', number>> {
  const out: Partial<Record<'phone' | 'email' | 'owner', number>> = {};
  for (const c of CONTACTS) {
    const j = header.findIndex((h) => typeof h === 'string' && c.re.test(h));
    if (j >= 0) out[c.key] = j;
  }
  return out;
}

export interface CampaignInput {
  result: Pick<ClassificationResult, 'customers'>;
  selection: TierSelection;
  locale: Locale;
  config?: TieringConfig;
  rules?: RuleNames;
  /** The customer table (header row first) the contacts come from. */
  customers?: SourceGrid;
}

/** The campaign list: id, name, contacts found, then per chosen method its tier and action; by revenue. */
export function campaignRows(inp: CampaignInput): { headers: string[]; rows: CellValue[][] } {
  const { result, selection, locale: L } = inp;
  const tbl = result.customers;
  const ids = (tbl.array('customer_id') as ArrayLike<unknown>) ?? [];
  const has = (c: string) => tbl.columnNames().includes(c);
  const names = has('name') ? (tbl.array('name') as ArrayLike<unknown>) : null;
  const revenue = has('revenue') ? (tbl.array('revenue') as ArrayLike<unknown>) : null;
  const tierCols = selectionColumns(tbl, selection);
  const contacts = contactLookup(inp.customers, ids);
  const found = CONTACTS.filter((c) => contacts.cols[c.key] !== undefined);
  const headers = [
    t(L, 'out.col.customer_id'),
    t(L, 'out.col.name'),
    ...found.map((c) => t(L, c.header)),
    ...tierCols.flatMap((s) => [columnHeader(L, s.method, inp.rules), `${methodLabel(L, s.method, inp.rules)} · ${t(L, 'mg.export.action')}`]),
    t(L, 'out.col.revenue'),
  ];
  const picked: { row: CellValue[]; value: number }[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (!tierCols.some((c) => c.set.has(String(c.values[i])))) continue;
    const id = String(ids[i]);
    const contact = contacts.rows.get(id);
    const value = typeof revenue?.[i] === 'number' ? (revenue[i] as number) : 0;
    const row: CellValue[] = [
      id,
      typeof names?.[i] === 'string' ? (names[i] as string) : null,
      ...found.map((c) => contact?.[contacts.cols[c.key]!] ?? null),
      ...tierCols.flatMap((c) => {
        const k = c.values[i] == null ? null : String(c.values[i]);
        return k === null ? [null, null] : [tierLabel(L, c.method, k), playFor(L, c.method, k, inp.config)?.action ?? null];
      }),
      Math.round(value * 100) / 100,
    ];
    picked.push({ row, value });
  }
  picked.sort((a, b) => b.value - a.value);
  return { headers, rows: picked.map((p) => p.row) };
}

function contactLookup(grid: SourceGrid | undefined, ids: ArrayLike<unknown>): { cols: Partial<Record<'phone' | 'email' | 'owner', number>>; rows: Map<string, CellValue[]> } {
  const rows = new Map<string, CellValue[]>();
  if (!grid || grid.values.length < 2) return { cols: {}, rows };
  const values = grid.values as CellValue[][];
  const idSet = new Set<string>();
  for (let i = 0; i < ids.length; i++) idSet.add(String(ids[i]));
  const idCol = idColumnOf(values, idSet);
  if (idCol < 0) return { cols: {}, rows };
  for (const r of values.slice(1)) if (r[idCol] != null) rows.set(String(r[idCol]).trim(), r);
  return { cols: contactColumns(values[0]), rows };
}

/** Text Excel would read as a formula gets a leading apostrophe (csvGuard.ts, the one rule); numbers and blanks pass. */
export function guardFormula(v: CellValue): CellValue {
  return typeof v === 'string' ? guardText(v) : v;
}

/** CSV text (UTF-8 with BOM, CRLF) of a campaign list, formula-guarded (csv.ts, the one CSV writer). */
export function campaignCsv(list: { headers: string[]; rows: CellValue[][] }): string {
  return csvDocument(list.headers, list.rows, false);
}
