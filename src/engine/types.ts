// Shapes that cross module boundaries inside the engine and out of it.
// The engine is pure: no Office, no DOM, no Node built-ins.
import type { ColumnTable } from 'arquero';
import type { AbcCuts } from './methods/abc';
import type { ActivityCuts } from './methods/activity';
import type { RfmCuts } from './methods/rfm';
import type { OrderHabits } from './ingest/habits';
import type { Params } from '../i18n';

/** One cell as Excel's Range.values gives it (blank = ''), or as a CSV/XLSX reader gives it. */
export type Cell = string | number | boolean | null | undefined;
export type Grid = readonly (readonly Cell[])[];

/** A rectangle of cells whose first row is the header row. */
export interface SourceGrid {
  /** Sheet name, table name or file name: used in messages. */
  name: string;
  /** 1-based sheet row of the header row (data issues report sheet rows). Default 1. */
  headerRow?: number;
  /** 0-based sheet column of the first column (for cell addresses in messages). Default 0. */
  firstColumn?: number;
  /**
   * The cells as rows (row 0 the header). A text file's grid holds them as `columns` instead and
   * builds this only when something reads it (ingest reads the columns, never this).
   */
  values: Grid;
  /** A text file's cells column by column (ingest/textColumns.ts): no array per row. */
  columns?: GridColumns;
  /** Excel date system of the workbook the grid came from. Default 1900. */
  dateSystem?: 1900 | 1904;
  /** True when the cells came from a text file: numbers and dates arrive as strings. */
  fromText?: boolean;
  /** What the reader noticed about the source (sheet chosen, hidden rows…), for the run's notes. */
  notes?: { code: string; params?: Params }[];
  /** What the reader noticed about the file (lines in another encoding, unclosed quotes): reported as issues. */
  readIssues?: { code: string; severity: 'error' | 'warning' | 'info'; params: Params }[];
  /** Blank cells that hold a formula whose result was never saved: "gridRow,gridCol" → formula text. */
  uncalculated?: ReadonlyMap<string, string>;
}

/**
 * Cells of a delimited text file by column, as places in its text: row r's cell in column c is
 * `text.slice(starts[c][r], ends[c][r])`, made when read (a million rows are no million strings
 * to hold and collect); start -1 past the end of a short row (undefined, as `values[r][c]` is).
 */
export interface GridColumns {
  text: string;
  /** Rows, the header row included (the arrays may be longer). */
  rows: number;
  starts: Int32Array[];
  ends: Int32Array[];
  /** Cells rewritten after reading (decimalComma.ts), per column: row → text. */
  edits: (Map<number, string> | undefined)[];
}

export interface InputTables {
  orders?: SourceGrid;
  customers?: SourceGrid;
  /** Customer facts (engine/factsTable.ts), instead of orders; see classifyTables. */
  facts?: SourceGrid;
}

export type IssueCode =
  | 'id_blank'
  | 'amount_not_number'
  | 'amount_blank'
  | 'profit_not_number'
  | 'date_invalid'
  | 'date_blank'
  | 'date_ambiguous'
  | 'excel_error'
  | 'duplicate_customer'
  | 'unknown_customer'
  | 'after_analysis_date'
  | 'return_excluded'
  | 'number_not_number'
  | (string & {});

export interface DataIssue {
  table: 'orders' | 'customers';
  /** Sheet, table or file name. */
  sheet: string;
  /** 1-based sheet row (header row + offset), or 0 for a whole-column issue. */
  row: number;
  /** Header text of the column, or '' for a whole-row issue. */
  column: string;
  /** The offending value as text (truncated). */
  value: string;
  code: IssueCode;
  /** error: row left out; warning: row used with a caveat; info: counted only. */
  severity: 'error' | 'warning' | 'info';
  /** Extra values for the message template. */
  params?: Params;
  /** 0-based sheet column of the cell (firstColumn + column index), for A1 addresses. */
  col?: number;
}

/** A failure that stops classification; rendered through i18n (messages/errors). */
export class TieringError extends Error {
  constructor(
    readonly code: string,
    readonly params: Params = {},
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'TieringError';
  }
}

export type ProgressStage = 'reading' | 'ingest' | 'metrics' | 'abc' | 'rfm' | 'activity' | 'rules' | 'clv' | 'summaries' | 'writing';
export type ProgressFn = (p: { stage: ProgressStage; done: number; total: number }) => void;

export interface TierSummary {
  tier: string;
  customers: number;
  /** customers / all customers counted by the method. */
  share: number;
  revenue: number;
  revenueShare: number;
  orders: number;
  /** revenue / orders, null when there are no orders. */
  avgOrderValue: number | null;
}

export interface MethodSummary {
  /** Method key: abc, rfm_segment, activity, frequency_tier, spend_tier, churn_risk, rule_<name>, clv_tier. */
  method: string;
  /** Column of the customer table that holds the tier. */
  column: string;
  /** Tiers in display order (best first). */
  tiers: TierSummary[];
}

export interface CrossTab {
  method: string;
  dimension: string;
  rowTiers: string[];
  columnValues: string[];
  /** counts[i][j]: customers of rowTiers[i] with columnValues[j]. */
  counts: number[][];
}

/** Cut points and thresholds each method used, typed by the method's own result. */
export interface MethodCuts {
  abc?: AbcCuts;
  rfm?: RfmCuts;
  /** Also the thresholds of frequency_tier, spend_tier and churn_risk. */
  activity?: ActivityCuts;
}

export interface RunStats {
  orderRows: number;
  ordersUsed: number;
  ordersAfterAnalysisDate: number;
  returnRows: number;
  returnsPolicy: 'net' | 'exclude';
  customers: number;
  customersWithOrders: number;
  potentialCustomers: number;
  rowsWithIssues: number;
}

export interface ClassificationResult {
  analysisDate: string;
  /** How analysisDate was chosen: given in config/CLI, or the latest order date. */
  analysisDateSource: 'config' | 'latest-order';
  configVersion: number;
  /** Per-customer result: id, metrics, one or more columns per method (see README). */
  customers: ColumnTable;
  summaries: MethodSummary[];
  crosstabs: CrossTab[];
  /** Dimensions cross-tabbed (configured or detected): name, and the result column holding it. */
  dimensions?: { name: string; column: string }[];
  /** Cut points and thresholds actually used, per method (JSON-serialisable). */
  cuts: MethodCuts;
  issues: DataIssue[];
  /** All issues found; `issues` may be capped by ingest (see IngestResult.issuesTotal). */
  issuesTotal?: number;
  stats: RunStats;
  /** Non-fatal notes, e.g. RFM segments that can never match, CLV fit failures. */
  warnings: { code: string; params?: Params }[];
  /** Reports of the optional methods (rule coverage, CLV fit), JSON-serialisable. */
  reports: Record<string, unknown>;
}

/** Resolved column mapping: config key → header text actually used (detected or given). */
export type ResolvedMapping = Record<string, string>;

/** Orders after ingest: columnar, one entry per usable row (rows with errors are left out). */
export interface OrderData {
  n: number;
  /** Normalised customer id (trimmed; numeric and text forms of one id are equal). */
  customer: string[];
  /** Order date as whole days since 1970-01-01 (UTC). */
  day: Float64Array;
  amount: Float64Array;
  profit: Float64Array | null;
  /** Order id when mapped (line-item tables): orders are counted as distinct ids. */
  orderId: string[] | null;
  /** 1-based sheet row of each kept row (for messages). */
  sourceRow: Int32Array;
  /** Quantity per row when a quantity column is mapped (blank → 0). */
  quantity?: Float64Array | null;
  /** customer[i] === customerKeys[customerCode[i]]: ids interned once by ingest (first-seen order). */
  customerCode?: Int32Array;
  customerKeys?: string[];
  /** Category, channel, promotion and time-of-day columns per row when mapped (ingest/habits.ts). */
  habits?: OrderHabits | null;
  /** The customer's name from the orders per customer code (first non-empty), when a name column is mapped. */
  customerName?: (string | null)[];
}

/** Customers after ingest (customer list, or customer-level facts). */
export interface CustomerData {
  n: number;
  customer: string[];
  sourceRow: Int32Array;
  /** Display name when mapped. */
  name: (string | null)[] | null;
  /** Category columns by key: mapped keys (region, industry, size) and any other header kept as text. */
  attributes: Record<string, (string | null)[]>;
  /** Customer-level facts when the input has no orders. */
  facts?: {
    orders: Float64Array | null;
    revenue: Float64Array | null;
    profit: Float64Array | null;
    /** Last order day (days since epoch), NaN when unknown. */
    lastDay: Float64Array | null;
    firstDay: Float64Array | null;
    recencyDays: Float64Array | null;
  };
  /** Raw values of every column by header, for rules that reference customer columns. */
  raw: Record<string, (string | number | boolean | null)[]>;
}

export interface IngestResult {
  orders: OrderData | null;
  customers: CustomerData | null;
  issues: DataIssue[];
  mapping: { orders: ResolvedMapping; customers: ResolvedMapping };
  /** How text dates were read per column, e.g. { "订单日期": "ymd" }. */
  dateFormats: Record<string, string>;
  /** Data rows in the order grid (before any row was left out; entirely blank rows not counted). */
  orderRows: number;
  /** All issues found; `issues` is capped (a final 'issues_truncated' info issue says so). */
  issuesTotal?: number;
  /** Distinct sheet rows with an error or warning issue, counted before the cap. */
  rowsWithIssues?: number;
  /** What reading did that the user should know (header row found, amount computed…): the run's notes. */
  notes?: { code: string; params?: Params }[];
}
