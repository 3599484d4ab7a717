// What the engine worker does with each message, apart from the Worker global so tests can
// drive it through structured clone in one thread (engine.worker.ts wires it to `self`).
import type { ColumnTable } from 'arquero';
import { classifyTables } from '../../engine/factsTable';
import { fieldsOfTable, type FieldInfo } from '../../engine/methods/rules';
import { errorToWire, tableFromWire, toWire, type FromWorker, type RulePreviewMessage, type ToWorker } from './protocol';
import { previewRuleSets } from './rulePreview';

type ClassifyMessage = Extract<ToWorker, { type: 'classify' }>;

export function engineHandler(post: (m: FromWorker) => void): (msg: ToWorker) => void {
  /** Rows received in slices, per run and table, appended to the grid the classify message names. */
  const pending = new Map<string, unknown[][]>();
  /** The customer table rule previews count on (the last one sent), with its fields. */
  let ruleTable: { table: ColumnTable; fields: FieldInfo[] } | null = null;

  const runClassify = (msg: ClassifyMessage) => {
    const tables = { ...msg.tables };
    for (const k of ['orders', 'customers', 'facts'] as const) {
      const rows = pending.get(`${msg.id}:${k}`);
      pending.delete(`${msg.id}:${k}`);
      if (rows && tables[k]) tables[k] = { ...tables[k]!, values: [...tables[k]!.values, ...(rows as never[])] };
    }
    const result = classifyTables(tables, msg.config, (p) => post({ type: 'progress', id: msg.id, ...p }));
    post({ type: 'result', id: msg.id, result: toWire(result) });
  };

  const runPreview = (msg: RulePreviewMessage) => {
    if (msg.customers) {
      const table = tableFromWire(msg.customers);
      ruleTable = { table, fields: fieldsOfTable(table) };
    }
    if (!ruleTable) throw new Error('rule preview: no customer table was sent');
    post({ type: 'rulePreview', id: msg.id, fields: ruleTable.fields, reports: previewRuleSets(ruleTable.table, ruleTable.fields, msg) });
  };

  return (msg) => {
    if (msg.type === 'rows') {
      const key = `${msg.id}:${msg.table}`;
      const rows = pending.get(key) ?? [];
      for (const r of msg.rows) rows.push(r);
      pending.set(key, rows);
      return;
    }
    try {
      if (msg.type === 'rulePreview') runPreview(msg);
      else runClassify(msg);
    } catch (e) {
      post({ type: 'error', id: msg.id, error: errorToWire(e) });
    }
  };
}
