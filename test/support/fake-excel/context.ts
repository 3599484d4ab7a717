// The request context: commands are queued on proxies and carried out, in order, at sync().
// Each sync is one request; its size (queued commands and written values) and the size of
// its response (loaded values) are metered against Excel on the web's 5 MB limit.
import { fail, FakeOfficeError } from './errors';
import type { FakeWorkbookData } from './model';
import { ACTION_OVERHEAD, jsonSize } from './payload';

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  actions: number;
  writes: number;
  calculationSuspended: boolean;
  screenUpdatingSuspended: boolean;
  failed?: string;
}

export interface FakeStats {
  runs: number;
  syncs: number;
  failedSyncs: number;
  requestBytes: number;
  responseBytes: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  log: SyncRecord[];
}

export function newStats(): FakeStats {
  return { runs: 0, syncs: 0, failedSyncs: 0, requestBytes: 0, responseBytes: 0, maxRequestBytes: 0, maxResponseBytes: 0, log: [] };
}

export interface ActionResult {
  /** What goes back in the response (metered). */
  data?: unknown;
  /** Applied to the proxy once the whole request succeeded. */
  commit?: () => void;
}

export interface Action {
  bytes: number;
  write: boolean;
  run: () => ActionResult | void;
}

export interface FakeHost {
  workbook: FakeWorkbookData;
  stats: FakeStats;
  payloadLimit: number;
}

export class FakeRequestContext {
  private queue: Action[] = [];
  /** Flags set by application.suspend…UntilNextSync for the current request. */
  suspended = { calculation: false, screen: false };
  constructor(readonly host: FakeHost) {}

  enqueue(action: Partial<Action> & { run: Action['run'] }, payload?: unknown): void {
    this.queue.push({ bytes: ACTION_OVERHEAD + jsonSize(payload), write: action.write ?? false, run: action.run });
  }

  get pending(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    const actions = this.queue;
    this.queue = [];
    const { stats, payloadLimit } = this.host;
    const record: SyncRecord = {
      requestBytes: 64 + actions.reduce((s, a) => s + a.bytes, 0),
      responseBytes: 64,
      actions: actions.length,
      writes: actions.filter((a) => a.write).length,
      calculationSuspended: false,
      screenUpdatingSuspended: false,
    };
    stats.syncs++;
    stats.log.push(record);
    stats.requestBytes += record.requestBytes;
    stats.maxRequestBytes = Math.max(stats.maxRequestBytes, record.requestBytes);
    await Promise.resolve();
    try {
      if (record.requestBytes > payloadLimit)
        fail('RequestPayloadSizeLimitExceeded', `The request payload size (${record.requestBytes} bytes) has exceeded the limit.`);
      const commits: (() => void)[] = [];
      this.suspended = { calculation: false, screen: false };
      for (const a of actions) {
        const r = a.run();
        if (r) {
          if (r.data !== undefined) record.responseBytes += jsonSize(r.data);
          if (r.commit) commits.push(r.commit);
        }
      }
      record.calculationSuspended = this.suspended.calculation;
      record.screenUpdatingSuspended = this.suspended.screen;
      stats.responseBytes += record.responseBytes;
      stats.maxResponseBytes = Math.max(stats.maxResponseBytes, record.responseBytes);
      if (record.responseBytes > payloadLimit)
        fail('ResponsePayloadSizeLimitExceeded', `The response payload size (${record.responseBytes} bytes) has exceeded the limit.`);
      commits.forEach((c) => c());
    } catch (e) {
      stats.failedSyncs++;
      record.failed = e instanceof FakeOfficeError ? e.code : String(e);
      throw e;
    }
  }
}
