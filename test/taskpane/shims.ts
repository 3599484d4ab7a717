// jsdom lacks a few browser APIs that arquero (TextDecoder) and Fluent's positioning
// (ResizeObserver, matchMedia) use. Import this first in every pane test.
import { TextDecoder, TextEncoder } from 'node:util';

const g = globalThis as unknown as Record<string, unknown>;
g.TextDecoder ??= TextDecoder;
g.TextEncoder ??= TextEncoder;
g.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
if (typeof window !== 'undefined' && !window.matchMedia) {
  window.matchMedia = ((q: string) => ({
    matches: false,
    media: q,
    onchange: null,
    addEventListener() {},
    removeEventListener() {},
    addListener() {},
    removeListener() {},
    dispatchEvent: () => false,
  })) as unknown as typeof window.matchMedia;
}

// Fluent places popovers, listboxes and tooltips with Floating UI's computePosition, which asks
// jsdom for the computed style of every ancestor many times per update; jsdom has no layout (all
// rects are zero) and matches every Griffel rule for each of those calls, so it was most of the
// pane suites' time and placed nothing. The pane tests never assert positions; the e2e suite
// places them for real in Chromium (and its screenshots show them).
jest.mock('@floating-ui/dom', () => ({
  ...jest.requireActual<object>('@floating-ui/dom'),
  computePosition: async (_reference: unknown, _floating: unknown, options: { placement?: string; strategy?: string } = {}) => ({
    x: 0,
    y: 0,
    placement: options.placement ?? 'bottom',
    strategy: options.strategy ?? 'absolute',
    middlewareData: {},
  }),
}));
