// Settings past one request: a schema-valid 7 MB config is stored in chunks under a manifest,
// read back whole, and a half-written or damaged set is never read as something else. The fake
// refuses any request or response over 5 MB, as Excel on the web does.
import { createFakeExcel, workbookFromGrids, type FakeExcel } from '../../support/fake-excel';
import { OfficePort, type ExcelRun } from '../../../src/workbook/office';
import { chunkPrefix, MAX_SETTING_BYTES } from '../../../src/workbook/office/chunks';
import { defaultConfig, type TieringConfig } from '../../../src/config';
import { CONFIG_KEY, loadConfig, saveConfig } from '../../../src/workbook/state';
import { WorkbookError } from '../../../src/workbook/errors';

const LIMIT = 5 * 1024 * 1024;

function setup(settings: Record<string, unknown> = {}): { fake: FakeExcel; port: OfficePort } {
  const fake = createFakeExcel(workbookFromGrids([{ name: 'S', rows: [['x']] }], { settings }));
  return { fake, port: new OfficePort({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported }) };
}

/** A config the schema accepts, about `mb` MB as JSON: rule sets of long (中文-named) rules. */
function bigConfig(mb: number, seed = 0): TieringConfig {
  const base = defaultConfig();
  let when = `monthly_spend > ${seed}`;
  for (let i = 1; when.length < 3960; i++) when += ` or monthly_spend > ${i + seed}`;
  const rules = Array.from({ length: 100 }, (_, i) => ({ tier: `层级${i}`, when }));
  const sets = Math.ceil((mb * 1024 * 1024) / (100 * (when.length + 40)));
  if (sets > 20) throw new Error('more rule sets than the schema allows');
  return { ...base, methods: { ...base.methods, rules: Array.from({ length: sets }, (_, i) => ({ name: `规则集${i}`, rules, otherwise: '其他' })) } };
}

const chunkKeys = (fake: FakeExcel) => [...fake.workbook.settings.keys()].filter((k) => k.startsWith(chunkPrefix(CONFIG_KEY)));

describe('settings larger than one request', () => {
  it('saves a schema-valid 7 MB config in chunks, every request under 5 MB, and reads it back whole', async () => {
    const { fake, port } = setup();
    const config = bigConfig(7);
    const text = JSON.stringify(config);
    expect(text.length).toBeGreaterThan(7 * 1024 * 1024);
    await saveConfig(port, config);
    expect(fake.stats.failedSyncs).toBe(0);
    expect(fake.stats.maxRequestBytes).toBeLessThanOrEqual(LIMIT);
    expect(chunkKeys(fake).length).toBeGreaterThan(1);
    fake.resetStats();
    const back = await loadConfig(port, 'en-US');
    expect(back.problems).toEqual([]);
    expect(back.config).toEqual(config);
    expect(await port.getSetting(CONFIG_KEY)).toBe(text);
    expect(fake.stats.maxResponseBytes).toBeLessThanOrEqual(LIMIT);
    expect(fake.stats.failedSyncs).toBe(0);
  });

  it('ignores a set whose write stopped before its manifest, and removes it with the next write', async () => {
    const { fake, port } = setup();
    await saveConfig(port, bigConfig(3, 1));
    const committed = await port.getSetting(CONFIG_KEY);
    const kept = chunkKeys(fake);
    // A later write of another value got its first chunks in, then stopped (closed pane, network).
    fake.workbook.settings.set(`${chunkPrefix(CONFIG_KEY)}deadbeef9.0`, 'half');
    fake.workbook.settings.set(`${chunkPrefix(CONFIG_KEY)}deadbeef9.1`, 'written');
    expect(await port.getSetting(CONFIG_KEY)).toBe(committed);
    // The next write leaves only its own chunks: the orphans and the older set are gone.
    const next = bigConfig(2, 2);
    await saveConfig(port, next);
    const now = chunkKeys(fake);
    expect(now.some((k) => k.includes('deadbeef9'))).toBe(false);
    expect(now.some((k) => kept.includes(k))).toBe(false);
    expect((await loadConfig(port, 'en-US')).config).toEqual(next);
  });

  it('going back to a small value stores it under the key itself and removes every chunk', async () => {
    const { fake, port } = setup();
    await saveConfig(port, bigConfig(2));
    const small = defaultConfig();
    await saveConfig(port, small);
    expect(chunkKeys(fake)).toEqual([]);
    expect(fake.workbook.settings.get(CONFIG_KEY)).toBe(JSON.stringify(small));
    await port.setSetting(CONFIG_KEY, null);
    expect([...fake.workbook.settings.keys()]).toEqual([]);
  });

  it('refuses to read a set with a chunk missing or altered, naming the setting', async () => {
    const { fake, port } = setup();
    await saveConfig(port, bigConfig(2));
    const [first] = chunkKeys(fake);
    fake.workbook.settings.set(first, `${String(fake.workbook.settings.get(first)).slice(0, -1)}X`);
    const altered = await port.getSetting(CONFIG_KEY).catch((e: unknown) => e);
    expect(altered).toBeInstanceOf(WorkbookError);
    expect(altered).toMatchObject({ code: 'settingIncomplete', params: { key: CONFIG_KEY } });
    fake.workbook.settings.delete(first);
    expect(await port.getSetting(CONFIG_KEY).catch((e: unknown) => (e as WorkbookError).code)).toBe('settingIncomplete');
  });

  it('refuses a value above the documented maximum before anything is sent, keeping what was stored', async () => {
    const { fake, port } = setup({ [CONFIG_KEY]: '{"version":1}' });
    const huge = 'x'.repeat(MAX_SETTING_BYTES + 1);
    const err = await port.setSetting(CONFIG_KEY, huge).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'settingTooLarge', params: { key: CONFIG_KEY, max: 16 } });
    expect((err as Error).message).toMatch(/more than the 16 MB/);
    expect(fake.stats.syncs).toBe(0);
    expect([...fake.workbook.settings.entries()]).toEqual([[CONFIG_KEY, '{"version":1}']]);
  });
});
