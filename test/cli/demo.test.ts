import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateDemo, seasonality } from '../../src/cli/demoData';
import { runDemo, tierDemo, DEMO_FILE, DEMO_TIERED_FILE } from '../../src/cli/demo';
import { runRefresh } from '../../src/cli/refresh';
import { writeTieredWorkbook } from '../../src/cli/writeOut';
import { defaultConfig } from '../../src/config';
import { XlsxPort } from '../../src/workbook/ooxml/port';
import { historyFromGrid } from '../../src/engine/history';

const DATA = path.resolve(__dirname, '../../../shared/data');
const DAY = 86_400_000;

describe('demo data', () => {
  const data = generateDemo();
  const body = data.orders.slice(1);

  it('is seeded and deterministic', () => {
    expect(JSON.stringify(generateDemo())).toBe(JSON.stringify(data));
    expect(JSON.stringify(generateDemo({ seed: 1 }))).not.toBe(JSON.stringify(data));
  });

  it('has about 3,000 customers with Chinese names, regions, industries, sizes, and about 40,000 orders over two years', () => {
    expect(data.customers).toHaveLength(3000);
    expect(body.length).toBeGreaterThan(35_000);
    expect(body.length).toBeLessThan(50_000);
    expect(new Set(data.customers.map((c) => c.region))).toEqual(new Set(['华东', '华南', '华北', '西南', '西北', '东北', '华中']));
    expect(new Set(data.customers.map((c) => c.industry))).toEqual(new Set(['零售', '制造业', '服务业', '生鲜', 'SaaS', '电商', '批发']));
    expect(new Set(data.customers.map((c) => c.size))).toEqual(new Set(['大型', '中型', '小型', '微型']));
    expect(data.customers.filter((c) => /有限公司$/.test(c.name)).length).toBeGreaterThan(2990);
    const days = body.map((r) => r[2]).filter((d): d is Date => d instanceof Date).map((d) => d.getTime());
    expect(new Date(Math.min(...days)).toISOString().slice(0, 4)).toBe('2023');
    expect(new Date(Math.max(...days)).toISOString().slice(0, 10)).toBe('2024-12-31');
  });

  it('has seasonality (双十一 peak, 春节 dip), whales and one-off buyers, returns and messy cells', () => {
    const perDay = new Map<number, number>();
    for (const r of body) if (r[2] instanceof Date) perDay.set(r[2].getTime(), (perDay.get(r[2].getTime()) ?? 0) + 1);
    const mean = body.length / 731;
    const window = (from: number, n: number) => Array.from({ length: n }, (_, i) => perDay.get(from + i * DAY) ?? 0).reduce((a, x) => a + x, 0) / n;
    expect(window(Date.UTC(2024, 10, 1), 11)).toBeGreaterThan(1.8 * mean);
    expect(window(Date.UTC(2024, 1, 3), 14)).toBeLessThan(0.6 * mean);
    expect(seasonality(Date.UTC(2024, 10, 11))).toBeGreaterThan(seasonality(Date.UTC(2024, 9, 11)));
    const revenue = new Map<string, number>();
    const count = new Map<string, number>();
    for (const r of body) {
      const id = String(r[1]).trim();
      if (typeof r[3] === 'number' && r[3] > 0) {
        revenue.set(id, (revenue.get(id) ?? 0) + r[3]);
        count.set(id, (count.get(id) ?? 0) + 1);
      }
    }
    const sorted = [...revenue.values()].sort((a, b) => b - a);
    const total = sorted.reduce((a, x) => a + x, 0);
    const top5 = sorted.slice(0, Math.ceil(sorted.length * 0.05)).reduce((a, x) => a + x, 0);
    expect(top5 / total).toBeGreaterThan(0.3);
    expect([...count.values()].filter((n) => n === 1).length / count.size).toBeGreaterThan(0.2);
    expect(body.filter((r) => typeof r[3] === 'number' && r[3] < 0).length).toBeGreaterThan(300);
    const texts = body.map((r) => r[3]).filter((v) => typeof v === 'string');
    expect(texts).toEqual(expect.arrayContaining(['一千二', '#N/A', '¥1,280.50']));
    expect(body.some((r) => r[2] === null)).toBe(true);
    expect(data.customers.map((c) => c.name)).toEqual(expect.arrayContaining(['=HYPERLINK("http://example.com","点我领奖")', '+86 138 0013 8000']));
  });
});

describe('demo needs and habits', () => {
  const data = generateDemo();
  const head = data.orders[0];
  const body = data.orders.slice(1).filter((r) => r[2] instanceof Date && typeof r[3] === 'number' && r[3] > 0);
  const col = (h: string) => head.indexOf(h);

  it('orders carry fresh-food categories, four channels and a promotion flag', () => {
    expect(new Set(body.map((r) => r[col('品类')]))).toEqual(new Set(['有机蔬菜', '进口水果', '海鲜水产', '肉禽蛋', '乳品烘焙', '粮油干货', '酒水饮料']));
    expect(new Set(body.map((r) => r[col('渠道')]))).toEqual(new Set(['门店', '线上商城', '小程序', '电话订购']));
    expect(new Set(body.map((r) => r[col('促销')]))).toEqual(new Set(['是', '否']));
  });

  it('fresh food leans to the weekend, and promotions cluster in 双十一', () => {
    const weekendShare = (cats: string[]) => {
      const rows = body.filter((r) => cats.includes(r[col('品类')] as string));
      return rows.filter((r) => [0, 6].includes((r[2] as Date).getUTCDay())).length / rows.length;
    };
    // 2 of 7 days are weekend days (0.286): fresh food well above, dry goods near or below
    const fresh = weekendShare(['有机蔬菜', '进口水果', '海鲜水产']);
    const dry = weekendShare(['粮油干货', '乳品烘焙', '肉禽蛋']);
    expect(fresh).toBeGreaterThan(0.33);
    expect(dry).toBeLessThan(0.26);
    const promoShare = (rows: typeof body) => rows.filter((r) => r[col('促销')] === '是').length / rows.length;
    const nov = body.filter((r) => (r[2] as Date).getUTCMonth() === 10 && (r[2] as Date).getUTCDate() <= 11);
    const other = body.filter((r) => [2, 3, 4].includes((r[2] as Date).getUTCMonth()));
    expect(promoShare(nov)).toBeGreaterThan(promoShare(other) + 0.3);
  });
});

describe('demo, refresh and --out on real files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-demo-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const log = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  afterAll(() => {
    log.mockRestore();
    err.mockRestore();
  });

  it('npm run demo writes the demo workbook and its tiered copy; the source sheets keep their values', async () => {
    expect(await runDemo(['--out-dir', dir, '--customers', '300', '--lang', 'zh-CN'])).toBe(0);
    const src = await XlsxPort.fromFile(path.join(dir, DEMO_FILE));
    const out = await XlsxPort.fromFile(path.join(dir, DEMO_TIERED_FILE));
    expect((await src.listSheets()).map((s) => s.name)).toEqual(['客户', '订单']);
    const names = (await out.listSheets()).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['客户', '订单', '分级汇总', 'ABC-A类客户', 'RFM-重要价值客户', '分级历史']));
    expect((await out.read({ kind: 'sheet', sheet: '订单' })).values).toEqual((await src.read({ kind: 'sheet', sheet: '订单' })).values);
    const table = await out.read({ kind: 'table', table: '客户表' });
    expect(table.values[0]).toEqual([
      '客户ID', '客户名称', '地区', '行业', '规模', 'ABC分类', 'ABC分类·建议行动', 'RFM得分', 'RFM分群', 'RFM分群·建议行动',
      '活跃度', '活跃度·建议行动', '流失风险', '流失风险·建议行动', '规则：电商分级', '规则：电商分级·建议行动',
      // needs and habits (issue 15): the demo's orders carry 品类, 渠道 and 促销
      '主要品类', '主要渠道', '周末购买天数占比', '购物日习惯', '品类广度', '价格偏好', '推荐下一品类',
    ]);
    expect(table.values.map((r) => r.slice(0, 5))).toEqual((await src.read({ kind: 'table', table: '客户表' })).values);
    // Pareto, segments, revenue per class; channel mix and weekdays of the preferences section
    expect(await out.listCharts('分级汇总')).toHaveLength(5);
    expect((await out.listSheets()).map((s) => s.name)).toContain('推荐下一品类');
  });

  it('the tiered copy is what tiering the saved demo file read back gives (the demo tiers its workbook in memory)', async () => {
    const fromFile = await XlsxPort.fromFile(path.join(dir, DEMO_FILE));
    await tierDemo(fromFile, 'zh-CN', '2024-06-30');
    const demo = await XlsxPort.fromFile(path.join(dir, DEMO_TIERED_FILE));
    const reread = await XlsxPort.fromBuffer(await fromFile.toBuffer());
    const sheets = (await demo.listSheets()).map((s) => s.name);
    expect((await reread.listSheets()).map((s) => s.name)).toEqual(sheets);
    // Each run has its own registry id (in the marker cells): the rest is cell for cell the same.
    const cells = async (port: XlsxPort, sheet: string) => JSON.stringify((await port.read({ kind: 'sheet', sheet })).values).replace(/ct-[0-9a-z]+/g, 'ct-ID');
    for (const sheet of sheets) {
      expect(await cells(reread, sheet)).toBe(await cells(demo, sheet));
      expect(await reread.listCharts(sheet)).toEqual(await demo.listCharts(sheet));
    }
    expect((await reread.listTables()).map((x) => [x.name, x.sheet])).toEqual((await demo.listTables()).map((x) => [x.name, x.sheet]));
  });

  it('refresh re-runs from the config stored in the workbook, adding a snapshot for a new date', async () => {
    const file = path.join(dir, DEMO_TIERED_FILE);
    const next = path.join(dir, 'next.xlsx');
    expect(await runRefresh([file, '--out', next, '--analysis-date', '2024-09-30'])).toBe(0);
    const port = await XlsxPort.fromFile(next);
    const history = historyFromGrid((await port.read({ kind: 'sheet', sheet: '分级历史' })).values);
    expect(history.map((s) => s.date)).toEqual(['2024-06-30', '2024-09-30', '2024-12-31']);
    expect(await runRefresh([path.join(dir, 'missing.xlsx')])).toBe(2);
    expect(await runRefresh([])).toBe(2);
  });

  it('--in-place writes the outputs into the input workbook itself, tier columns joining its table', async () => {
    const file = path.join(dir, 'inplace.xlsx');
    fs.copyFileSync(path.join(dir, DEMO_FILE), file);
    const config = defaultConfig({ columns: { orders: { customerId: '客户ID', orderDate: '订单日期', amount: '金额' }, customers: { customerId: '客户ID', name: '客户名称' } } });
    await writeTieredWorkbook({ orders: `${file}#订单`, customers: `${file}#客户`, config, inPlace: true, locale: 'zh-CN' });
    const port = await XlsxPort.fromFile(file);
    expect((await port.listSheets()).map((s) => s.name)).toEqual(expect.arrayContaining(['客户', '订单', '分级汇总']));
    expect((await port.listTables()).find((x) => x.name === '客户表')!.headers.slice(5, 8)).toEqual(['ABC分类', 'ABC分类·建议行动', 'RFM得分']);
  });

  it('--out with CSV input: a new workbook with the data sheet and the outputs', async () => {
    const out = path.join(dir, 'rfm.xlsx');
    const orders = path.join(DATA, 'rfm_rsquaredacademy_orders.csv');
    const config = defaultConfig({ analysisDate: '2006-12-31', locale: 'en-US', columns: { orders: { customerId: 'customer_id', orderDate: 'order_date', amount: 'revenue' } }, output: { groupSheets: ['rfm_segment'] } });
    await writeTieredWorkbook({ orders, config, out, locale: 'en-US' });
    const port = await XlsxPort.fromFile(out);
    const names = (await port.listSheets()).map((s) => s.name);
    expect(names[0]).toBe('rfm_rsquaredacademy_orders');
    expect(names).toEqual(expect.arrayContaining(['Customers', 'Tier Summary', 'RFM segment-Champions']));
    const champions = (await port.listTables()).find((x) => x.sheet === 'RFM segment-Champions')!;
    const rows = (await port.read({ kind: 'table', table: champions.name })).values;
    expect(rows.length - 1).toBe(158);
  });
});
