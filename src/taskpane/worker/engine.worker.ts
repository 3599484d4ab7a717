// The engine, off the main thread: classify() and the rule editor's preview run here so the
// pane stays responsive. The pane starts two of these (see client.ts); handler.ts does the work.
import { engineHandler } from './handler';
import type { FromWorker, ToWorker } from './protocol';

const post = (m: FromWorker) => (self as unknown as { postMessage(m: FromWorker): void }).postMessage(m);
const handle = engineHandler(post);

self.onmessage = (ev: MessageEvent<ToWorker>) => handle(ev.data);
