// Column detection from header text (中文 and English synonyms). Headers and synonyms are
// compared after folding case, full-width forms, spaces, underscores, hyphens and dots.
import type { ResolvedMapping } from '../types';

export type TableKind = 'orders' | 'customers';

interface KeySynonyms {
  key: string;
  /** Exact matches, best first. */
  exact: string[];
  /** Fallback: header contains one of these (specific words only; "name" or "date" alone would over-match). */
  contains: string[];
  /** Never a contains-match when the header also holds one of these ("折扣金额" is no amount). */
  exclude?: string[];
}

const CUSTOMER_ID: KeySynonyms = {
  key: 'customerId',
  exact: ['客户id', '客户编号', '客户代码', '客户号', '会员id', '会员编号', '用户id', 'customerid', 'custid', 'clientid', 'customerno', 'customernumber', 'customercode', 'buyerid', 'userid', 'memberid', 'id', '客户', 'customer', 'client', 'buyer', '客户名称', 'customername'],
  contains: ['客户id', '客户编号', '会员id', 'customerid', 'custid', 'clientid', '客户'],
};

// In an order table a bare "ID" is more likely the row or order id than the customer's.
const ORDER_CUSTOMER_ID: KeySynonyms = { ...CUSTOMER_ID, exact: CUSTOMER_ID.exact.filter((s) => s !== 'id') };

const ORDER_KEYS: KeySynonyms[] = [
  ORDER_CUSTOMER_ID,
  {
    key: 'orderDate',
    exact: ['订单日期', '下单时间', '下单日期', '交易日期', '购买日期', '成交日期', '日期', 'orderdate', 'date', 'purchasedate', 'transactiondate', 'invoicedate', 'orderdatetime'],
    contains: ['订单日期', '下单', '交易日期', '购买日期', '日期', 'orderdate', 'purchasedate', 'date'],
  },
  {
    key: 'amount',
    exact: ['金额', '销售额', '实付金额', '订单金额', '成交金额', '销售金额', '付款金额', 'revenue', 'amount', 'sales', 'total', 'dollarvalue', 'value', 'ordervalue', 'orderamount', 'salesamount', 'totalamount', 'monetary', 'spend'],
    contains: ['金额', '销售额', 'revenue', 'amount', 'sales'],
    exclude: ['折扣', '优惠', '折让', 'discount', '单价', 'unitprice'],
  },
  { key: 'profit', exact: ['利润', '毛利', '毛利润', 'profit', 'margin', 'grossprofit', 'grossmargin'], contains: ['利润', '毛利', 'profit'] },
  {
    key: 'orderId',
    exact: ['订单号', '订单编号', '订单id', '单号', 'orderid', 'orderno', 'ordernumber', 'invoice', 'invoiceno', 'invoiceid', 'invoicenumber', 'transactionid'],
    contains: ['订单号', '订单编号', 'orderid', 'orderno', 'invoiceno'],
  },
  { key: 'quantity', exact: ['数量', '件数', 'qty', 'quantity', 'numberofcds', 'units', '商品数量', '购买数量', '销售数量', '订购数量'], contains: ['数量', 'quantity', 'qty'] },
  // Line items: amount = quantity × unit price − discount when no amount column is there (amounts.ts).
  {
    key: 'unitPrice',
    exact: ['单价', '价格', '售价', '销售单价', '商品单价', '成交单价', '含税单价', 'unitprice', 'price', 'saleprice', 'priceeach', 'unitcost'],
    contains: ['单价', 'unitprice', 'price'],
    exclude: ['total', '总'],
  },
  {
    key: 'discount',
    exact: ['折扣', '优惠', '折扣金额', '优惠金额', '折让', '折让金额', 'discount', 'discountamount', 'rebate'],
    contains: ['折扣', '优惠', '折让', 'discount'],
  },
  // The customer's name beside the id, for results when no customer list is given.
  {
    key: 'customerName',
    exact: ['客户名称', '客户姓名', '客户名', '姓名', '公司名称', 'customername', 'clientname', 'buyername', 'company', 'companyname'],
    contains: ['客户名称', '姓名', 'customername'],
  },
  // Needs and habits (issue 15). Subcategory before category and both before product, so a
  // "Sub-Category" or "产品类别" header is not taken by a shorter key's contains-match.
  {
    key: 'subcategory',
    exact: ['子类', '子类别', '二级类目', '二级分类', '二级品类', '小类', 'subcategory', 'subcat', 'subcategoryname'],
    contains: ['子类', '二级类', '二级分类', '二级品类', 'subcategory'],
  },
  {
    key: 'category',
    exact: ['品类', '类目', '分类', '类别', '商品类别', '商品分类', '商品品类', '产品类别', '产品分类', '一级类目', '一级分类', '大类', 'category', 'productcategory', 'categoryname', 'productline', 'department'],
    contains: ['品类', '类目', '分类', '类别', 'category'],
  },
  {
    key: 'product',
    exact: ['商品', '商品名称', '商品名', '产品', '产品名称', '品名', 'sku', '商品编码', 'product', 'productname', 'item', 'itemname', 'stockcode', 'description'],
    contains: ['商品', '产品', 'product', 'sku'],
  },
  {
    key: 'channel',
    exact: ['渠道', '销售渠道', '下单渠道', '购买渠道', '订单来源', '来源', '来源渠道', '平台', 'channel', 'saleschannel', 'orderchannel', 'source', 'ordersource', 'platform'],
    contains: ['渠道', 'channel'],
  },
  {
    key: 'promotion',
    exact: ['促销', '是否促销', '促销活动', '活动', '是否活动', '是否优惠', '促销标记', 'promotion', 'promo', 'onpromotion', 'promoflag', 'ispromo', 'ispromotion', 'onsale'],
    contains: ['促销', 'promo'],
  },
];

const CUSTOMER_KEYS: KeySynonyms[] = [
  CUSTOMER_ID,
  {
    key: 'name',
    exact: ['客户名称', '名称', '姓名', '公司名称', '公司', 'name', 'customername', 'company', 'companyname', 'fullname'],
    contains: ['名称', '姓名', 'customername', 'companyname'],
  },
  { key: 'region', exact: ['地区', '区域', '省份', '城市', 'region', 'area', 'province', 'state', 'territory'], contains: ['地区', '区域', 'region'] },
  { key: 'industry', exact: ['行业', '所属行业', 'industry', 'sector', 'vertical'], contains: ['行业', 'industry'] },
  { key: 'size', exact: ['规模', '企业规模', '公司规模', 'companysize', 'size', 'segmentsize'], contains: ['规模', 'companysize'] },
  {
    key: 'orders',
    exact: ['订单数', '购买次数', '订单数量', '交易次数', 'numberoforders', 'orders', 'frequency', 'ordercount', 'transactioncount', 'numorders'],
    contains: ['订单数', '购买次数', 'numberoforders', 'ordercount'],
  },
  {
    key: 'revenue',
    exact: ['金额', '销售额', '实付金额', '订单金额', '成交金额', '销售金额', '累计金额', '总金额', 'revenue', 'amount', 'sales', 'total', 'dollarvalue', 'value', 'monetary', 'totalrevenue', 'totalspend', 'spend'],
    contains: ['金额', '销售额', 'revenue', 'amount'],
  },
  { key: 'profit', exact: ['利润', '毛利', 'profit', 'margin'], contains: ['利润', 'profit'] },
  {
    key: 'lastOrder',
    exact: ['最近购买日期', '最后下单时间', '最近下单日期', '最后购买日期', '最近订单日期', 'mostrecentvisit', 'lastorder', 'lastpurchase', 'lastorderdate', 'lastpurchasedate', 'mostrecentpurchase', 'lastvisit'],
    contains: ['最近购买', '最后下单', '最后购买', 'mostrecent', 'lastorder', 'lastpurchase'],
  },
  {
    key: 'firstOrder',
    exact: ['首次购买日期', '首次下单时间', '首单日期', '第一次购买日期', 'firstorder', 'firstpurchase', 'firstorderdate', 'firstpurchasedate', 'firstvisit'],
    contains: ['首次购买', '首次下单', '首单', 'firstorder', 'firstpurchase'],
  },
  {
    key: 'recencyDays',
    exact: ['最近购买天数', '距今天数', '最近天数', 'recencydays', 'recency', 'dayssincelastorder', 'dayssincelastpurchase'],
    contains: ['距今天数', 'recency', 'dayssince'],
  },
];

export const TABLE_KEYS: Record<TableKind, readonly string[]> = {
  orders: ORDER_KEYS.map((k) => k.key),
  customers: CUSTOMER_KEYS.map((k) => k.key),
};

/** Fold a header for comparison: NFKC, lower case, no spaces/underscores/hyphens/dots. */
export function foldHeader(h: string): string {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.·]+/g, '');
}

/**
 * Detected mapping key → header text. Every key first tries its exact synonyms (best first),
 * then keys fall back to contains-matches; a header is never used for two keys.
 */
export function detectColumns(headers: readonly string[], table: TableKind): ResolvedMapping {
  return detectWith(headers, table === 'orders' ? ORDER_KEYS : CUSTOMER_KEYS, new Set());
}

/** As detectColumns, but headers already taken by a given mapping are skipped. */
export function detectRemaining(headers: readonly string[], table: TableKind, taken: ReadonlySet<number>, skipKeys: ReadonlySet<string>): Record<string, number> {
  const keys = (table === 'orders' ? ORDER_KEYS : CUSTOMER_KEYS).filter((k) => !skipKeys.has(k.key));
  return detectIndexes(headers, keys, new Set(taken));
}

function detectWith(headers: readonly string[], keys: KeySynonyms[], taken: Set<number>): ResolvedMapping {
  const idx = detectIndexes(headers, keys, taken);
  const out: ResolvedMapping = {};
  for (const k of Object.keys(idx)) out[k] = headers[idx[k]];
  return out;
}

function detectIndexes(headers: readonly string[], keys: KeySynonyms[], taken: Set<number>): Record<string, number> {
  const folded = headers.map((h) => foldHeader(h ?? ''));
  const found: Record<string, number> = {};
  for (const k of keys) {
    for (const syn of k.exact) {
      const j = folded.findIndex((f, i) => f === syn && !taken.has(i));
      if (j >= 0) {
        found[k.key] = j;
        taken.add(j);
        break;
      }
    }
  }
  for (const k of keys) {
    if (k.key in found) continue;
    for (const syn of k.contains) {
      const j = folded.findIndex((f, i) => f !== '' && f.includes(syn) && !taken.has(i) && !k.exclude?.some((x) => f.includes(x)));
      if (j >= 0) {
        found[k.key] = j;
        taken.add(j);
        break;
      }
    }
  }
  return found;
}

/** Index of a header given in the config: exact text first, then the folded form. -1 if absent. */
export function findHeader(headers: readonly string[], name: string): number {
  const exact = headers.indexOf(name);
  if (exact >= 0) return exact;
  const trimmed = name.trim();
  const t = headers.findIndex((h) => h.trim() === trimmed);
  if (t >= 0) return t;
  const f = foldHeader(name);
  return headers.findIndex((h) => foldHeader(h) === f);
}

/** Header examples per key for "column not found" messages (language-neutral). */
export const HEADER_EXAMPLES: Record<string, string> = {
  customerId: '客户ID, 客户编号, customer id, customer_id',
  orderDate: '订单日期, 下单时间, order date, date',
  amount: '金额, 销售额, 实付金额, revenue, amount, sales',
  profit: '利润, 毛利, profit',
  orderId: '订单号, 订单编号, order id, invoice',
  quantity: '数量, 件数, 商品数量, qty, quantity',
  unitPrice: '单价, 价格, 售价, unit price, price',
  discount: '折扣, 优惠, 折扣金额, discount',
  customerName: '客户名称, 姓名, customer name',
  product: '商品, 产品, SKU, product',
  category: '品类, 类目, 分类, category',
  subcategory: '子类, 二级类目, subcategory',
  channel: '渠道, 来源, channel',
  promotion: '促销, 活动, promotion',
  name: '客户名称, 名称, name, company',
  region: '地区, 区域, region',
  industry: '行业, industry',
  size: '规模, 公司规模, company size',
  orders: '订单数, 购买次数, number_of_orders, orders',
  revenue: '金额, 销售额, revenue',
  lastOrder: '最近购买日期, 最后下单时间, most_recent_visit, last order',
  firstOrder: '首次购买日期, first order',
  recencyDays: '最近购买天数, recency_days',
};
