// bench-results.json after a partial run keeps the figures of the benches not run.
import { mergeResults } from '../../bench/results';

const KNOWN = ['cli', 'engine', 'kernel'];
const OLD = {
  orders: 1000,
  engine_ms: 50,
  engine: { orders: 1000, engine_ms: 50 },
  cli: { demo: { cpu_s: 4.4 } },
  kernel: { ms: 9, generatedAt: '2026-11-01T00:00:00.000Z' },
  generatedAt: '2026-11-20T00:00:00.000Z',
};

describe('mergeResults', () => {
  it('replaces the entries of the benches run now and keeps the others with their own date', () => {
    const out = mergeResults(OLD, { kernel: { ms: 7 } }, new Set(), KNOWN, '2026-11-30T00:00:00.000Z');
    expect(out.kernel).toEqual({ ms: 7, generatedAt: '2026-11-30T00:00:00.000Z' });
    // An entry from before per-entry dates is as old as the file it was in.
    expect(out.cli).toEqual({ demo: { cpu_s: 4.4 }, generatedAt: '2026-11-20T00:00:00.000Z' });
    expect(out.engine).toEqual({ orders: 1000, engine_ms: 50, generatedAt: '2026-11-20T00:00:00.000Z' });
    // The engine's figures stay repeated at the top level; the file's date is the last run's.
    expect(out).toMatchObject({ orders: 1000, engine_ms: 50, generatedAt: '2026-11-30T00:00:00.000Z' });
  });

  it('a bench that fails now keeps its last figures with the error beside them; one never measured records the error', () => {
    const out = mergeResults(OLD, { cli: { error: 'build failed' }, engine: { orders: 2000, engine_ms: 40 } }, new Set(['cli']), KNOWN, '2026-11-30T00:00:00.000Z');
    expect(out.cli).toEqual({ demo: { cpu_s: 4.4 }, generatedAt: '2026-11-20T00:00:00.000Z', last_error: 'build failed', last_error_at: '2026-11-30T00:00:00.000Z' });
    expect(out).toMatchObject({ orders: 2000, engine_ms: 40 });
    const fresh = mergeResults(null, { cli: { error: 'build failed' } }, new Set(['cli']), KNOWN, '2026-11-30T00:00:00.000Z');
    expect(fresh.cli).toEqual({ error: 'build failed', generatedAt: '2026-11-30T00:00:00.000Z' });
  });

  it('a later success replaces a kept figure and its error', () => {
    const failedOnce = mergeResults(OLD, { cli: { error: 'x' } }, new Set(['cli']), KNOWN, '2026-11-29T00:00:00.000Z');
    const out = mergeResults(failedOnce, { cli: { demo: { cpu_s: 3.5 } } }, new Set(), KNOWN, '2026-11-30T00:00:00.000Z');
    expect(out.cli).toEqual({ demo: { cpu_s: 3.5 }, generatedAt: '2026-11-30T00:00:00.000Z' });
  });
});
