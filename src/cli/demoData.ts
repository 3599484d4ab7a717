// A seeded, deterministic demo data set: ~3,000 Chinese B2B customers and ~40,000 orders over
// two years, with seasonality (双十一 peak, 春节 dip), heterogeneous buyers (a few whales, many
// one-off buyers, some who stopped), returns, and a handful of messy cells.
import { CONFIG_VERSION, defaultConfig, type TieringConfig, type TieringConfigInput } from '../config';
import { DAY_MS as DAY, dayToIso } from '../engine/calendar';
import type { Locale } from '../i18n';
import { rng } from './random';

export interface DemoCustomer {
  id: string;
  name: string;
  region: string;
  industry: string;
  size: string;
}

export type DemoCell = string | number | Date | null;

export interface DemoData {
  customers: DemoCustomer[];
  /** Header + rows: 订单号, 客户ID, 订单日期, 金额, 利润, 品类, 渠道, 促销. */
  orders: DemoCell[][];
  /** Last calendar day covered. */
  endDate: string;
}

const REGIONS: [string, number][] = [['华东', 30], ['华南', 22], ['华北', 18], ['华中', 10], ['西南', 10], ['西北', 5], ['东北', 5]];
const INDUSTRIES: [string, number][] = [['零售', 22], ['制造业', 20], ['服务业', 15], ['电商', 14], ['批发', 12], ['生鲜', 9], ['SaaS', 8]];
const SIZES: [string, number][] = [['大型', 8], ['中型', 22], ['小型', 40], ['微型', 30]];
const SIZE_AOV: Record<string, number> = { 大型: 3.2, 中型: 1.6, 小型: 1, 微型: 0.6 };
const CITY: Record<string, string[]> = {
  华东: ['上海', '杭州', '南京', '苏州', '宁波', '合肥', '福州', '济南'],
  华南: ['广州', '深圳', '东莞', '佛山', '南宁', '海口', '厦门'],
  华北: ['北京', '天津', '石家庄', '太原', '呼和浩特'],
  华中: ['武汉', '长沙', '郑州', '南昌'],
  西南: ['成都', '重庆', '昆明', '贵阳'],
  西北: ['西安', '兰州', '银川', '乌鲁木齐'],
  东北: ['沈阳', '大连', '长春', '哈尔滨'],
};
const CORE = ['华联', '盛达', '鑫源', '恒通', '宏图', '新辰', '嘉禾', '瑞丰', '博远', '天成', '众合', '锦程', '金诚', '联创', '海纳', '云帆', '东升', '和信', '永泰', '启航', '卓越', '汇通', '佳禾', '星河', '君安', '德润', '百川', '安泰', '新元', '远洋'];
const TRADE: Record<string, string[]> = {
  零售: ['商贸', '百货', '便利'],
  制造业: ['机械', '精密制造', '电子'],
  服务业: ['企业服务', '咨询', '物业'],
  电商: ['电子商务', '网络科技', '优选'],
  批发: ['供应链', '贸易', '批发'],
  生鲜: ['生鲜', '农产品', '食品'],
  SaaS: ['软件', '信息技术', '云科技'],
};

function pick<T>(r: () => number, items: [T, number][]): T {
  const total = items.reduce((a, [, w]) => a + w, 0);
  let x = r() * total;
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items[items.length - 1][0];
}

function normal(r: () => number): number {
  const u = Math.max(r(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

function poisson(r: () => number, lambda: number): number {
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(r)));
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= r();
  } while (p > l);
  return k - 1;
}

const iso = (ms: number) => dayToIso(ms / DAY);

// Asked up to 20 times an order for some 730 distinct days: worked out once a day.
const seasonOfDay = new Map<number, number>();

/** Relative demand on a day: 双十一 (Nov 1–11) peak, 春节 dip, a December lift, quiet summer weeks. */
export function seasonality(ms: number): number {
  let v = seasonOfDay.get(ms);
  if (v === undefined) {
    if (seasonOfDay.size > 10_000) seasonOfDay.clear();
    seasonOfDay.set(ms, (v = seasonOn(ms)));
  }
  return v;
}

function seasonOn(ms: number): number {
  const d = new Date(ms);
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const y = d.getUTCFullYear();
  // Spring Festival: 2023-01-22, 2024-02-10 (a 2-week dip around it).
  const festival = y === 2023 ? Date.UTC(2023, 0, 22) : Date.UTC(2024, 1, 10);
  if (Math.abs(ms - festival) < 10 * DAY) return 0.35;
  if (m === 11 && day <= 11) return 2.6;
  if (m === 11 || m === 12) return 1.35;
  if (m === 6 && day >= 1 && day <= 18) return 1.4; // 618
  if (m === 8) return 0.85;
  return 1;
}

/** Fresh-food categories with their base weight and whether demand leans to the weekend. */
const CATEGORIES: [string, number, boolean][] = [
  ['有机蔬菜', 22, true],
  ['进口水果', 18, true],
  ['海鲜水产', 12, true],
  ['肉禽蛋', 16, false],
  ['乳品烘焙', 14, false],
  ['粮油干货', 12, false],
  ['酒水饮料', 6, false],
];
const CHANNELS: [string, number][] = [['门店', 35], ['线上商城', 30], ['小程序', 25], ['电话订购', 10]];

/** A customer's buying habits (drawn from their own stream, so the order figures stay as they were). */
interface Habits {
  /** Category weights: a favourite, a few others. */
  weights: [number, number][];
  channel: string;
  /** Chance an order is on promotion outside the promotion seasons. */
  promo: number;
}

function drawHabits(h: () => number, size: string): Habits {
  const fav = pick(h, CATEGORIES.map(([, w], i) => [i, w] as [number, number]));
  const breadth = h() < 0.35 ? 0 : 1 + Math.floor(h() * 4);
  const weights: [number, number][] = [[fav, 6]];
  for (let k = 0; k < breadth; k++) {
    const c = pick(h, CATEGORIES.map(([, w], i) => [i, w] as [number, number]));
    if (!weights.some(([x]) => x === c)) weights.push([c, 1 + h() * 2]);
  }
  const channel = size === '大型' && h() < 0.5 ? '电话订购' : pick(h, CHANNELS);
  return { weights, channel, promo: h() < 0.15 ? 0.65 : 0.08 };
}

/** Category, channel and promotion flag of one order: fresh food and 门店/小程序 lean to weekends, 双十一 and 618 are promotions. */
function orderHabits(h: () => number, hb: Habits, ms: number): [string, string, string] {
  const dow = new Date(ms).getUTCDay();
  const weekend = dow === 0 || dow === 6;
  const cat = pick(h, hb.weights.map(([c, w]) => [c, w * (weekend ? (CATEGORIES[c][2] ? 4 : 0.5) : 1)] as [number, number]));
  let channel = hb.channel;
  if (h() > 0.75) channel = weekend ? pick(h, [['门店', 3], ['小程序', 2], ['线上商城', 1]]) : pick(h, CHANNELS);
  const season = seasonality(ms) > 1.3 ? 0.45 : 0;
  return [CATEGORIES[cat][0], channel, h() < hb.promo + season ? '是' : '否'];
}

/**
 * Rows by order date, ties by order number: SO/RT and digits, whose code-point order is the
 * collation order localeCompare gave (uppercase ASCII letters and digits), at a fraction of its cost.
 */
function inDateOrder(rows: DemoCell[][]): DemoCell[][] {
  return rows
    .map((row) => ({ row, at: (row[2] as Date).getTime(), no: row[0] as string }))
    .sort((a, b) => a.at - b.at || (a.no < b.no ? -1 : a.no > b.no ? 1 : 0))
    .map((x) => x.row);
}

export function generateDemo(opts: { customers?: number; seed?: number } = {}): DemoData {
  const n = opts.customers ?? 3000;
  const r = rng(opts.seed ?? 20241231);
  const start = Date.UTC(2023, 0, 1);
  const end = Date.UTC(2024, 11, 31);
  const span = (end - start) / DAY + 1;
  const customers: DemoCustomer[] = [];
  const usedNames = new Set<string>();
  for (let i = 0; i < n; i++) {
    const region = pick(r, REGIONS);
    const industry = pick(r, INDUSTRIES);
    const size = pick(r, SIZES);
    let name = '';
    for (let k = 0; !name || usedNames.has(name); k++) {
      const city = CITY[region][Math.floor(r() * CITY[region].length)];
      const core = CORE[Math.floor(r() * CORE.length)];
      const trade = TRADE[industry][Math.floor(r() * TRADE[industry].length)];
      name = `${city}${core}${trade}${k ? k + 1 : ''}有限公司`;
    }
    usedNames.add(name);
    customers.push({ id: `C${String(i + 1).padStart(5, '0')}`, name, region, industry, size });
  }
  // Messy names that must stay text in every cell they reach.
  customers[7].name = '=HYPERLINK("http://example.com","点我领奖")';
  customers[8].name = '+86 138 0013 8000';
  customers[9].name = '@王总的店';
  customers[10].name = '-折扣客户-';

  const orders: DemoCell[][] = [['订单号', '客户ID', '订单日期', '金额', '利润', '品类', '渠道', '促销']];
  let orderNo = 100000;
  const h = rng(((opts.seed ?? 20241231) ^ 0x2545f491) >>> 0); // habits: a stream of their own, the other draws are as before
  for (const c of customers) {
    const hb = drawHabits(h, c.size);
    // Buyer type: whales, regulars, occasional, one-off, churned, never ordered (potential).
    const u = r();
    let rate: number; // orders per month while active
    let from = start + Math.floor(r() * span * 0.6) * DAY;
    let to = end;
    if (u < 0.03) {
      rate = 3 + r() * 6;
      from = start + Math.floor(r() * 60) * DAY;
    } else if (u < 0.28) rate = 0.6 + r() * 1.4;
    else if (u < 0.6) rate = 0.2 + r() * 0.6;
    else if (u < 0.86) rate = 0; // one order only
    else if (u < 0.96) {
      rate = 0.6 + r() * 1.4;
      from = start + Math.floor(r() * 120) * DAY;
      to = end - Math.floor(200 + r() * 300) * DAY; // stopped buying
    } else continue; // registered, never ordered
    const months = Math.max((to - from) / DAY / 30.44, 0.1);
    const count = rate === 0 ? 1 : Math.max(1, poisson(r, rate * months));
    const aov = 260 * SIZE_AOV[c.size] * Math.exp(0.6 * normal(r)) * (u < 0.03 ? 3 : 1);
    for (let k = 0; k < count; k++) {
      // Rejection sampling against the seasonal profile.
      let day = from;
      for (let tries = 0; tries < 20; tries++) {
        day = from + Math.floor(r() * Math.max(1, (to - from) / DAY + 1)) * DAY;
        if (r() * 2.6 < seasonality(day)) break;
      }
      const amount = Math.round(aov * Math.exp(0.35 * normal(r)) * 100) / 100;
      const margin = 0.12 + r() * 0.2;
      orders.push([`SO${++orderNo}`, c.id, new Date(day), amount, Math.round(amount * margin * 100) / 100, ...orderHabits(h, hb, day)]);
      if (r() < 0.03) {
        // A return a few days later: negative amount and profit.
        const back = Math.round(amount * (0.3 + r() * 0.7) * 100) / 100;
        orders.push([`RT${orderNo}`, c.id, new Date(Math.min(end, day + Math.floor(3 + r() * 20) * DAY)), -back, -Math.round(back * margin * 100) / 100, ...orders[orders.length - 1].slice(5, 7), '否']);
      }
    }
  }
  // Orders in date order, like an export from an order system.
  const body = inDateOrder(orders.slice(1));
  // Messy cells: text in an amount, a blank date, an Excel error, an amount with a currency sign.
  const at = (f: number) => body[Math.floor(f * (body.length - 1))];
  at(0.003)[3] = '一千二';
  at(0.034)[2] = null;
  at(0.055)[3] = '#N/A';
  at(0.071)[3] = '¥1,280.50';
  at(0.114)[1] = ` ${customers[11].id} `;
  return { customers, orders: [orders[0], ...body], endDate: iso(end) };
}

/** The demo's config: ABC on revenue, RFM, activity, a sample rule set, the detected dimensions, two kinds of group sheets. */
export function demoConfig(locale: Locale, withRules = true): TieringConfig {
  const input: TieringConfigInput = {
    version: CONFIG_VERSION,
    locale,
    sources: { orders: { kind: 'sheet', sheet: '订单' }, customers: { kind: 'table', table: '客户表' } },
    columns: {
      // 品类, 渠道 and 促销 are detected (not mapped), so the config also fits order sheets without them.
      orders: { customerId: '客户ID', orderDate: '订单日期', amount: '金额', profit: '利润', orderId: '订单号' },
      customers: { customerId: '客户ID', name: '客户名称', region: '地区', industry: '行业', size: '规模' },
    },
    methods: {
      abc: { basis: 'revenue' },
      rfm: {},
      activity: {},
      // No dimensions listed: 地区, 行业 and 规模 are detected and cross-tabbed, as in a user's own run.
      rules: withRules
        ? [{ name: '电商分级', rules: [{ tier: 'A', when: 'monthly_spend >= 300 and orders_per_month >= 1' }, { tier: 'B', when: 'monthly_spend >= 50 or orders_per_month >= 1' }], otherwise: 'C' }]
        : [],
    },
    output: { groupSheets: ['abc', 'rfm_segment'] },
  };
  return defaultConfig(input);
}

