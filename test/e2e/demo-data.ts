// A deterministic demo workbook for the browser tests: customers with 中文 names, regions and
// industries; orders over two years with seasonality, gross and net amounts, a few messy cells.
import { rng as mulberry32 } from '../../src/cli/random';
export type Cell = string | number | null;

const SURNAMES = ['华', '东', '南', '北', '金', '瑞', '恒', '鑫', '博', '锦'];
const WORDS = ['科技', '贸易', '实业', '食品', '电子', '物流', '医药', '软件', '建材', '服饰'];
const REGIONS = ['华东', '华南', '华北', '西南', '华中', '东北'];
const INDUSTRIES = ['零售', '制造业', '服务业', '生鲜', 'SaaS'];
const SIZES = ['小型', '中型', '大型'];

/** Excel serial of 2024-01-01 (1900 date system). */
const START_SERIAL = 45292;
const DAYS = 730;

export interface DemoWorkbook {
  customers: Cell[][];
  orders: Cell[][];
  /** Net amount per customer id, summed here (independent of the engine), for assertions. */
  netByCustomer: Record<string, number>;
  /** Rows (1-based sheet rows) of the messy order cells. */
  messy: { amountRow: number; dateRow: number };
}

export function demoWorkbook(nCustomers: number, nOrders: number, seed = 20240101): DemoWorkbook {
  const rnd = mulberry32(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const customers: Cell[][] = [['客户编号', '客户名称', '地区', '行业', '规模']];
  // Skewed purchase weights: a few customers buy a lot (Pareto-like).
  const weights: number[] = [];
  for (let i = 0; i < nCustomers; i++) {
    const id = `C${String(i + 1).padStart(5, '0')}`;
    customers.push([id, `${pick(SURNAMES)}${pick(WORDS)}${pick(['有限公司', '集团', '商行'])}${i + 1}`, pick(REGIONS), pick(INDUSTRIES), pick(SIZES)]);
    weights.push(Math.pow(rnd(), 3) + 0.01);
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const cum: number[] = [];
  let acc = 0;
  for (const w of weights) cum.push((acc += w / total));
  const orders: Cell[][] = [['订单编号', '客户编号', '下单日期', '订单金额', '实收金额']];
  const netByCustomer: Record<string, number> = {};
  for (let k = 0; k < nOrders; k++) {
    const u = rnd();
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    const id = customers[lo + 1][0] as string;
    // Seasonality: more orders towards the end of each year (rejection sampling on the day).
    let day = Math.floor(rnd() * DAYS);
    if (rnd() < 0.3) day = Math.min(DAYS - 1, day + Math.floor(rnd() * 60));
    const gross = Math.round((50 + Math.pow(rnd(), 2) * 5000) * 100) / 100;
    const net = Math.round(gross * (0.8 + rnd() * 0.15) * 100) / 100;
    orders.push([`SO${String(k + 1).padStart(7, '0')}`, id, START_SERIAL + day, gross, net]);
  }
  // Two messy cells (their rows are left out by the engine and listed as data issues).
  const amountRow = Math.min(8, orders.length - 1);
  const dateRow = Math.min(12, orders.length - 1);
  orders[amountRow][4] = 'n/a';
  orders[dateRow][2] = '2024-13-45';
  for (let r = 1; r < orders.length; r++) {
    if (r === amountRow || r === dateRow) continue;
    const id = orders[r][1] as string;
    netByCustomer[id] = (netByCustomer[id] ?? 0) + (orders[r][4] as number);
  }
  return { customers, orders, netByCustomer, messy: { amountRow: amountRow + 1, dateRow: dateRow + 1 } };
}
