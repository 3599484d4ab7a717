// The engine, off the main thread: classify() runs here so the pane stays responsive.
import { classify } from '../../engine/classify';
import { errorToWire, toWire, type FromWorker, type ToWorker } from './protocol';

const post = (m: FromWorker) => (self as unknown as { postMessage(m: FromWorker): void }).postMessage(m);

/** Rows received in slices, per run and table, appended to the grid the classify message names. */
const pending = new Map<string, unknown[][]>();

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  if (msg.type === 'rows') {
    const key = `${msg.id}:${msg.table}`;
    const rows = pending.get(key) ?? [];
    for (const r of msg.rows) rows.push(r);
    pending.set(key, rows);
    return;
  }
  try {
    const tables = { ...msg.tables };
    for (const k of ['orders', 'customers'] as const) {
      const rows = pending.get(`${msg.id}:${k}`);
      pending.delete(`${msg.id}:${k}`);
      if (rows && tables[k]) tables[k] = { ...tables[k]!, values: [...tables[k]!.values, ...(rows as never[])] };
    }
    const result = classify(tables, msg.config, (p) => post({ type: 'progress', id: msg.id, ...p }));
    post({ type: 'result', id: msg.id, result: toWire(result) });
  } catch (e) {
    post({ type: 'error', id: msg.id, error: errorToWire(e) });
  }
};
