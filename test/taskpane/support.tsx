// Test doubles for the pane: an in-memory workbook port, a host that runs the real engine
// (synchronously, in the test's thread), and a renderer.
import { render } from '@testing-library/react';
import { csvGrid } from './csv';
import { defaultConfig, parseConfig, type RangeRef, type TieringConfig } from '../../src/config';
import { classify } from '../../src/engine/classify';
import type { ClassificationResult, InputTables, ProgressFn } from '../../src/engine/types';
import { TieringError } from '../../src/engine/types';
import { t } from '../../src/i18n';
import { App } from '../../src/taskpane/App';
import type { PaneHost, WriteSummary } from '../../src/taskpane/host';
import { columnLetters } from '../../src/taskpane/ranges';
import { rulePreviewOf } from '../../src/taskpane/worker/rulePreview';
import {
  CancelledError,
  type CellValue,
  type IoOptions,
  type RangeRead,
  type SheetInfo,
  type TableInfo,
  type WorkbookPort,
  type WriteOp,
} from '../../src/workbook/port';

export { csvGrid, DATA } from './csv';

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A workbook in memory: sheets of values, a few tables, a selection, settings. */
export class MemoryPort implements WorkbookPort {
  readonly kind = 'office' as const;
  settings = new Map<string, string>();
  writes: WriteOp[] = [];
  selected: { sheet: string; address: string }[] = [];
  selection: { sheet: string; address: string } | null = null;
  reads: RangeRef[] = [];
  constructor(
    public sheets: Record<string, CellValue[][]>,
    public tables: TableInfo[] = [],
  ) {}
  async listSheets(): Promise<SheetInfo[]> {
    return Object.keys(this.sheets).map((name) => ({ name, visible: true }));
  }
  async listTables(): Promise<TableInfo[]> {
    return this.tables;
  }
  async listCharts(): Promise<string[]> {
    return [];
  }
  async read(ref: RangeRef, opts: IoOptions = {}): Promise<RangeRead> {
    this.reads.push(ref);
    if (opts.signal?.aborted) throw new CancelledError();
    let sheet: string;
    let address: string | undefined;
    if (ref.kind === 'table') {
      const tb = this.tables.find((x) => x.name === ref.table);
      if (!tb) throw new Error(`ItemNotFound: table ${ref.table}`);
      sheet = tb.sheet;
      address = tb.address;
    } else if (ref.kind === 'sheet') {
      sheet = ref.sheet;
      address = ref.address;
    } else throw new Error('names are not supported by MemoryPort');
    const grid = this.sheets[sheet];
    if (!grid) throw new Error(`ItemNotFound: sheet ${sheet}`);
    let r0 = 0;
    let c0 = 0;
    let r1 = grid.length - 1;
    let c1 = Math.max(0, ...grid.map((r) => r.length)) - 1;
    if (address) {
      const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(address);
      if (!m) throw new Error(`InvalidArgument: ${address}`);
      r0 = Number(m[2]) - 1;
      c0 = colIndex(m[1]);
      r1 = m[4] ? Number(m[4]) - 1 : r0;
      c1 = m[3] ? colIndex(m[3]) : c0;
    }
    const values = grid.slice(r0, r1 + 1).map((row) => Array.from({ length: c1 - c0 + 1 }, (_, j) => row[c0 + j] ?? ''));
    opts.onProgress?.({ stage: 'reading', done: 1, total: 1 });
    return {
      sheet,
      address: `${columnLetters(c0)}${r0 + 1}:${columnLetters(c1)}${r1 + 1}`,
      row: r0,
      col: c0,
      values,
      table: ref.kind === 'table' ? ref.table : undefined,
      dateSystem: 1900,
    };
  }
  async write(ops: readonly WriteOp[]): Promise<void> {
    this.writes.push(...ops);
  }
  async getSetting(key: string): Promise<string | null> {
    return this.settings.get(key) ?? null;
  }
  async setSetting(key: string, value: string | null): Promise<void> {
    if (value === null) this.settings.delete(key);
    else this.settings.set(key, value);
  }
  async getSelection() {
    return this.selection;
  }
  async select(sheet: string, address: string) {
    this.selected.push({ sheet, address });
  }
}

export interface HostLog {
  classified: { tables: InputTables; config: TieringConfig }[];
  written: { result: ClassificationResult; config: TieringConfig }[];
  refreshed: number;
  removed: number;
}

export interface TestHostOptions {
  /** Replaces the engine call (e.g. to hold a run open until cancelled). */
  classify?: PaneHost['classify'];
  displayLanguage?: string;
  savedConfig?: TieringConfig;
}

export const CONFIG_KEY = 'customerTiers.config';

/** A host whose classify is the real engine; write/refresh/remove are recorded. */
export function testHost(port: MemoryPort, opts: TestHostOptions = {}): { host: PaneHost; log: HostLog } {
  const log: HostLog = { classified: [], written: [], refreshed: 0, removed: 0 };
  const realClassify = async (tables: InputTables, config: TieringConfig, onProgress: ProgressFn, signal: AbortSignal) => {
    log.classified.push({ tables, config });
    if (signal.aborted) throw new CancelledError();
    return classify(tables, config, onProgress);
  };
  const host: PaneHost = {
    port,
    displayLanguage: opts.displayLanguage ?? 'en-US',
    theme: 'light',
    classify: opts.classify
      ? (tables, config, onProgress, signal) => {
          log.classified.push({ tables, config });
          return opts.classify!(tables, config, onProgress, signal);
        }
      : realClassify,
    // The worker's rule preview, in the test's thread.
    previewRules: async (customers, request) => rulePreviewOf(customers, request),
    async write(result, config): Promise<WriteSummary> {
      log.written.push({ result, config });
      await port.setSetting(CONFIG_KEY, JSON.stringify(config));
      return { customers: result.stats.customers, sheets: config.output.groupSheets.length, analysisDate: result.analysisDate };
    },
    async refresh() {
      log.refreshed++;
      return { customers: 0, sheets: 0, analysisDate: '2006-12-31' };
    },
    async remove() {
      log.removed++;
      return 3;
    },
    async loadConfig() {
      if (opts.savedConfig) return { config: opts.savedConfig };
      const raw = await port.getSetting(CONFIG_KEY);
      if (!raw) return null;
      const r = parseConfig(JSON.parse(raw));
      return r.ok ? { config: r.config } : { errors: r.errors.map((e) => `${e.path}: ${e.message}`) };
    },
    describeError(e, locale) {
      if (e instanceof TieringError) return t(locale, `error.${e.code}`, e.params);
      return t(locale, 'pane.error.unexpected', { message: e instanceof Error ? e.message : String(e) });
    },
  };
  return { host, log };
}

/** The reference orders (rfm package sample, 4,906 orders) and a few customers. */
export function demoPort(): MemoryPort {
  const orders = csvGrid('rfm_rsquaredacademy_orders.csv');
  return new MemoryPort({ Orders: orders, Notes: [['free text']] }, [
    { name: 'OrdersTable', sheet: 'Orders', address: `A1:F${orders.length}`, headers: orders[0].map(String) },
  ]);
}

export function renderPane(host: PaneHost, config: TieringConfig = defaultConfig()) {
  return render(<App host={host} initialConfig={config} />);
}
