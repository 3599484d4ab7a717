// What the adapter needs from Office: Excel.run, injected so tests can pass the fake.
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface AdapterLimits {
  /** Bytes allowed per request and per response (Excel on the web: 5 MB). */
  payloadLimit: number;
}

export function throwIfAborted(signal: AbortSignal | undefined, error: () => Error): void {
  if (signal?.aborted) throw error();
}
