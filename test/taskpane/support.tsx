// Test doubles for the pane: a workbook port that is the real Office adapter over the strict
// fake Excel (the port the contract suite checks, test/workbook), a host that runs the real
// engine (synchronously, in the test's thread), and a renderer.
import { render, screen, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { csvGrid } from './csv';
import { createFakeExcel, findSheet, workbookFromGrids, type FakeExcel } from '../support/fake-excel';
import { parseLocal } from '../support/fake-excel/address';
import { defaultConfig, parseConfig, type RangeRef, type TieringConfig } from '../../src/config';
import { classifyTables } from '../../src/engine/factsTable';
import type { ClassificationResult, InputTables, ProgressFn } from '../../src/engine/types';
import { App } from '../../src/taskpane/App';
import type { PaneHost, WriteSummary } from '../../src/taskpane/host';
import { checkWorkbook } from '../../src/workbook/check';
import { describeError } from '../../src/workbook/describeError';
import { OfficePort, type ExcelRun } from '../../src/workbook/office';
import { CancelledError, type CellValue, type IoOptions, type RangeRead } from '../../src/workbook/port';
import { rulePreviewOf } from '../../src/taskpane/worker/rulePreview';

export { csvGrid, DATA } from './csv';

/** The Office adapter over a fake workbook built from grids, recording what the pane reads and selects. */
export class PanePort extends OfficePort {
  readonly fake: FakeExcel;
  reads: RangeRef[] = [];
  selected: { sheet: string; address: string }[] = [];
  constructor(sheets: Record<string, CellValue[][]>, tables: { name: string; sheet: string; address: string }[] = []) {
    const fake = createFakeExcel(workbookFromGrids(Object.entries(sheets).map(([name, rows]) => ({ name, rows })), { tables }));
    super({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported });
    this.fake = fake;
  }
  /** Each sheet's cells in the fake, live: a change here is a change in the workbook (empty cells are undefined). */
  get sheets(): Record<string, (string | number | boolean | undefined)[][]> {
    return Object.fromEntries(this.fake.workbook.sheets.filter((s) => !s.deleted).map((s) => [s.name, s.rows]));
  }
  /** The workbook's settings (the port stores strings). */
  get settings(): Map<string, string> {
    return this.fake.workbook.settings as Map<string, string>;
  }
  /** Selects a range, as the user would in Excel. */
  set selection(sel: { sheet: string; address: string }) {
    const sheet = findSheet(this.fake.workbook, sel.sheet)!;
    this.fake.workbook.selection = { sheet: sheet.id, rect: parseLocal(sel.address) };
    this.fake.workbook.activeSheet = sheet.id;
  }
  override read(ref: RangeRef, opts?: IoOptions): Promise<RangeRead> {
    this.reads.push(ref);
    return super.read(ref, opts);
  }
  override select(sheet: string, address: string): Promise<void> {
    this.selected.push({ sheet, address });
    return super.select(sheet, address);
  }
}

export interface HostLog {
  classified: { tables: InputTables; config: TieringConfig }[];
  written: { result: ClassificationResult; config: TieringConfig }[];
  refreshed: number;
  removed: number;
  /** Files handed to the user (CSV downloads). */
  files: { name: string; text: string; type: string }[];
}

export interface TestHostOptions {
  /** Replaces the engine call (e.g. to hold a run open until cancelled). */
  classify?: PaneHost['classify'];
  displayLanguage?: string;
  savedConfig?: TieringConfig;
}

/**
 * user-event as every pane test drives it: no artificial delay, and no pointer-events check.
 * That check calls jsdom's getComputedStyle for the target and each ancestor on every pointer
 * action, and jsdom matches every Griffel rule of the page each time: it was half the time of
 * the pane suites. jsdom has no layout, so the check only ever saw CSS; the e2e suite clicks in
 * Chromium, where playwright checks that the element really receives the pointer.
 */
export type PaneUser = ReturnType<typeof userEvent.setup>;
export function paneUser(): PaneUser {
  return userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
}

/**
 * Loads a sheet into a source region as a user does: its name typed into the region's address
 * box, then the pane's line saying what was read (`shown`, by default any range of that sheet).
 * The region is matched by its whole name: 客户 is also the start of 客户事实.
 */
export async function loadSheet(user: PaneUser, region: string, sheet: string, opts: { address?: string; shown?: RegExp } = {}): Promise<void> {
  const r = screen.getByRole('region', { name: (n) => n === region });
  await user.type(within(r).getByLabelText(opts.address ?? 'Or type an address'), `${sheet}{Enter}`);
  await within(r).findByText(opts.shown ?? new RegExp(`^${sheet}!A1:`));
}

export const CONFIG_KEY = 'customerTiers.config';

/** A host whose classify is the real engine; write/refresh/remove are recorded. */
export function testHost(port: PanePort, opts: TestHostOptions = {}): { host: PaneHost; log: HostLog } {
  const log: HostLog = { classified: [], written: [], refreshed: 0, removed: 0, files: [] };
  const realClassify = async (tables: InputTables, config: TieringConfig, onProgress: ProgressFn, signal: AbortSignal) => {
    log.classified.push({ tables, config });
    if (signal.aborted) throw new CancelledError();
    return classifyTables(tables, config, onProgress);
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
    // The real check over the port: it only reads (the engine runs in the test's thread).
    check: ({ signal, locale }) => checkWorkbook(port, { signal, locale }),
    async remove() {
      log.removed++;
      return { count: 3 };
    },
    async loadConfig() {
      if (opts.savedConfig) return { config: opts.savedConfig };
      const raw = await port.getSetting(CONFIG_KEY);
      if (!raw) return null;
      const r = parseConfig(JSON.parse(raw));
      return r.ok ? { config: r.config } : { errors: r.errors.map((e) => `${e.path}: ${e.message}`) };
    },
    saveFile: (name, text, type) => log.files.push({ name, text, type }),
    describeError,
  };
  return { host, log };
}

/** The reference orders (rfm package sample, 4,906 orders) and a note, in a fake workbook. */
export function demoPort(): PanePort {
  const orders = csvGrid('rfm_rsquaredacademy_orders.csv');
  return new PanePort({ Orders: orders, Notes: [['free text']] }, [{ name: 'OrdersTable', sheet: 'Orders', address: `A1:F${orders.length}` }]);
}

export function renderPane(host: PaneHost, config: TieringConfig = defaultConfig()) {
  return render(<App host={host} initialConfig={config} />);
}
