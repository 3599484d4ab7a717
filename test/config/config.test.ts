import { parseConfig, parseConfigText, defaultConfig, CONFIG_VERSION } from '../../src/config';

describe('config', () => {
  test('defaults: abc, rfm and activity run; clv does not', () => {
    const c = defaultConfig();
    expect(c.methods.abc?.basis).toBe('revenue');
    expect(c.methods.abc?.mode).toBe('customer-share');
    expect(c.methods.rfm?.bins).toBe(5);
    expect(c.methods.activity?.activeDays).toBe(90);
    expect(c.methods.clv).toBeUndefined();
    expect(c.locale).toBe('zh-CN');
  });

  test('invalid fields are reported one by one with their paths', () => {
    const r = parseConfig({
      version: 1,
      analysisDate: '2006-13-45',
      methods: { abc: { basis: 'margin', cuts: [0.7, 0.2] }, rfm: { bins: 7, scoring: 'fixed' } },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['analysisDate', 'methods.abc.basis', 'methods.abc.cuts', 'methods.rfm.bins']));
  });

  test('fixed RFM scoring needs thresholds of the right length', () => {
    const r = parseConfig({ version: 1, methods: { rfm: { bins: 3, scoring: 'fixed', thresholds: { recency: [30, 90], frequency: [2], monetary: [100, 500] } } } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([expect.objectContaining({ path: 'methods.rfm.thresholds.frequency' })]);
  });

  test('unknown keys are rejected rather than ignored', () => {
    const r = parseConfig({ version: 1, methods: { abcd: {} } });
    expect(r.ok).toBe(false);
  });

  test('a newer version asks for an update', () => {
    const r = parseConfig({ version: CONFIG_VERSION + 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toMatch(/newer/);
  });

  test('JSON syntax errors carry line and column', () => {
    const r = parseConfigText('{\n  "version": 1,\n  "locale": }');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toMatch(/line 3/);
  });
});

test('an analysis date that does not exist in the calendar is rejected', () => {
  const r = parseConfig({ version: 1, analysisDate: '2006-02-30' });
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.errors[0]).toEqual({ path: 'analysisDate', message: 'not a real calendar date' });
  expect(parseConfig({ version: 1, analysisDate: '2008-02-29' }).ok).toBe(true);
});

test('field errors speak 中文 when asked, including the schema’s own rules', () => {
  const r = parseConfig({ version: 1, methods: { rfm: { bins: 7 }, activity: { activeDays: 200, silentDays: 100 } } }, 'zh-CN');
  expect(r.ok).toBe(false);
  if (r.ok) return;
  const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e.message]));
  expect(byPath['methods.rfm.bins']).toMatch(/[\u4e00-\u9fff]/);
  expect(byPath['methods.rfm.bins']).toMatch(/5/);
  expect(byPath['methods.activity.silentDays']).toBe('沉默天数必须大于活跃天数');
  // English stays the default.
  const en = parseConfig({ version: 1, methods: { activity: { activeDays: 200, silentDays: 100 } } });
  expect(en.ok ? [] : en.errors.map((e) => e.message)).toEqual(['silentDays must be greater than activeDays']);
});

describe('dimensions: explicit [] against not chosen', () => {
  const methods = (input: unknown) => {
    const r = parseConfig(input);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return { dimensions: r.config.methods.dimensions, detect: r.config.methods.detectDimensions };
  };
  test('absent: detect; explicit []: none; a list: the list', () => {
    expect(methods({ version: CONFIG_VERSION })).toEqual({ dimensions: [], detect: true });
    expect(methods({ version: CONFIG_VERSION, methods: { dimensions: [] } })).toEqual({ dimensions: [], detect: false });
    expect(methods({ methods: { dimensions: [] } })).toEqual({ dimensions: [], detect: false });
    expect(methods({ version: CONFIG_VERSION, methods: { dimensions: ['地区'] } })).toEqual({ dimensions: ['地区'], detect: false });
  });
  test('version 1 wrote [] for "not chosen": it is read as detect; a v1 list is kept', () => {
    expect(methods({ version: 1, methods: { dimensions: [], rules: [] } })).toEqual({ dimensions: [], detect: true });
    expect(methods({ version: 1, methods: { dimensions: ['region'] } })).toEqual({ dimensions: ['region'], detect: false });
  });
  test('a parsed config stored and read back keeps its meaning', () => {
    for (const input of [{ version: CONFIG_VERSION }, { version: CONFIG_VERSION, methods: { dimensions: [] } }]) {
      const first = parseConfig(input);
      if (!first.ok) throw new Error('did not parse');
      const again = parseConfig(JSON.parse(JSON.stringify(first.config)));
      expect(again.ok && again.config.methods).toEqual(first.config.methods);
    }
  });
});
