// The automatic DuckDB choice, end to end through the CLI: a CSV over AUTO_DUCKDB_BYTES goes to
// DuckDB, and one DuckDB refuses (a title line, Latin-1, decimal commas, an unclosed quote) is
// read in memory instead: exit 0, the in-memory run's result, and the user told so in their
// language. scaleChoice.test.ts shows the size is all the choice looks at; here the file reports
// one byte over the threshold instead of holding 256 MB, and everything after that is the real run.
import * as os from 'os';
import * as path from 'path';
import type * as ClassifyCli from '../../src/cli/classify';
import type * as ScaleSource from '../../src/cli/scaleSource';
import { capture } from './capture';

// The fs module itself, patched before the CLI's modules load (each keeps its own copy of the
// bindings it imports): the files in `big` report a size over the threshold.
const fs = jest.requireActual<typeof import('fs')>('fs');
const big = new Set<string>();
let overBytes = 0;
const statSync = fs.statSync;
const patch = (to: typeof statSync) => Object.assign(fs, { statSync: to });
patch(((p: import('fs').PathLike, o?: import('fs').StatSyncOptions) => {
  const st = statSync(p, o);
  if (st && big.has(path.resolve(String(p)))) st.size = overBytes;
  return st;
}) as typeof fs.statSync);
afterAll(() => patch(statSync));

let cli: typeof ClassifyCli;
let scale: typeof ScaleSource;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-auto-duckdb-'));
beforeAll(async () => {
  cli = await import('../../src/cli/classify');
  scale = await import('../../src/cli/scaleSource');
  overBytes = scale.AUTO_DUCKDB_BYTES + 1;
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const ordersFile = (name: string, body: string | Buffer) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, body);
  return file;
};
const run = (args: string[]) => capture(() => cli.runClassify(args));

/** The same file read in memory (--engine memory) and by the automatic choice as a big file. */
async function both(file: string, lang: 'en-US' | 'zh-CN') {
  const [m, a] = [`${file}.${lang}.memory.out`, `${file}.${lang}.auto.out`];
  const memory = await run(['--orders', file, '--engine', 'memory', '--csv', m, '--lang', lang]);
  big.add(file);
  try {
    expect(scale.usesScaleSource({ orders: file })).toBe(true);
    const auto = await run(['--orders', file, '--csv', a, '--lang', lang]);
    const csv = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f) : null);
    return { memory, auto, csvs: [csv(m), csv(a)], summaries: [memory.out.replace(m, '<csv>'), auto.out.replace(a, '<csv>')] };
  } finally {
    big.delete(file);
  }
}

test('a plain CSV reported over the threshold is read by DuckDB: nothing said, the same CSV as in memory', async () => {
  const file = ordersFile('plain.csv', 'customer_id,order_date,amount\nc1,2024-01-01,5.5\nc2,2024-02-01,7\nc1,2024-03-01,-2\nc3,2024-03-05,1\n');
  expect(scale.usesScaleSource({ orders: file })).toBe(false);
  const r = await both(file, 'en-US');
  expect([r.memory.code, r.auto.code, r.auto.err]).toEqual([0, 0, '']);
  expect(r.csvs[0]).not.toBeNull();
  expect(r.csvs[1]!.equals(r.csvs[0]!)).toBe(true);
  expect(r.summaries[1]).toBe(r.summaries[0]);
});

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Each with why it was not DuckDB's, in both languages: the reason, never a code or the refusal's advice.
const refused: [string, string, string | Buffer, string, string][] = [
  ['a title line above the header', 'title.csv', '2024 orders\ncustomer_id,order_date,amount\nc1,2024-01-01,5\nc2,2024-02-01,7\nc1,2024-03-01,3\n', 'its header is not on line 1', '其表头不在第 1 行'],
  ['Latin-1 text', 'latin1.csv', Buffer.from('customer_id,order_date,amount\nJos\xe9,2024-01-01,5\nc2,2024-02-01,7\nJos\xe9,2024-03-01,3\n', 'latin1'), 'it is encoded as windows-1252, and DuckDB reads only UTF-8', '它的编码是 windows-1252，而 DuckDB 只读取 UTF-8'],
  ['decimal commas', 'comma.csv', 'customer_id;order_date;amount\nc1;2024-01-01;12,50\nc2;2024-02-01;7,25\nc1;2024-03-01;1,5\n', '3 of 3 values in column "amount" are written in a form only the in-memory reader reads (e.g. "1,5")', '“amount”列的 3 个值中有 3 个的写法只有内存读取器能读（例如“1,5”）'],
  ['an unclosed quote', 'quote.csv', 'customer_id,order_date,amount\nc0,2024-01-02,4\n"c1,2024-01-01,5\nc2,2024-02-01,7\nc1,2024-03-01,3\n', 'some of its lines are not plain CSV', '其中有些行不是规范的 CSV'],
];
test.each(refused)('%s: DuckDB refuses, the file is read in memory, exit 0, the in-memory result, and the user is told', async (_, name, body, why, whyZh) => {
  const file = ordersFile(name, body);
  const en = await both(file, 'en-US');
  expect([en.memory.code, en.auto.code, en.memory.err]).toEqual([0, 0, '']);
  expect(en.csvs[0]).not.toBeNull();
  expect(en.csvs[1]!.equals(en.csvs[0]!)).toBe(true);
  expect(en.summaries[1]).toBe(en.summaries[0]);
  expect(en.auto.err).toMatch(new RegExp(`^Read ${escaped(file)} in memory instead of with DuckDB: [^\\n]+\\. The result is the same as with --engine memory\\.\\n$`));
  expect(en.auto.err).toContain(`DuckDB: ${why}`);
  expect(en.auto.err).not.toMatch(/Nothing was classified|not_plain|source_header_row|Convert it/);
  const zh = await both(file, 'zh-CN');
  expect([zh.memory.code, zh.auto.code, zh.memory.err]).toEqual([0, 0, '']);
  expect(zh.csvs[1]!.equals(zh.csvs[0]!)).toBe(true);
  expect(zh.summaries[1]).toBe(zh.summaries[0]);
  expect(zh.auto.err).toMatch(new RegExp(`^已改为在内存中读取 ${escaped(file)}，而不是用 DuckDB：[^\\n]+。结果与使用 --engine memory 相同。\\n$`));
  expect(zh.auto.err).toContain(`DuckDB：${whyZh}`);
  expect(zh.auto.err).not.toMatch(/没有进行分级|not_plain|source_header_row|请转换/);
});

test('two columns with one header: the DuckDB route runs the in-memory reader\'s column check, so the same message and exit 2, never a guess', async () => {
  const file = ordersFile('two-amounts.csv', 'customer_id,order_date,amount,amount\nc1,2024-01-01,5,1\nc2,2024-02-01,7,2\n');
  const r = await both(file, 'en-US');
  expect([r.memory.code, r.auto.code]).toEqual([2, 2]);
  expect(r.memory.err).toContain('has two columns headed "amount"');
  expect(r.auto.err).toBe(r.memory.err);
  expect(r.csvs).toEqual([null, null]);
});

test('chosen on purpose (--engine duckdb), the same files are refused with what is not plain, in both languages (exit 2)', async () => {
  const cases: [string, string | Buffer, string, string][] = [
    ['title.csv', '2024 orders\ncustomer_id,order_date,amount\nc1,2024-01-01,5\n', 'the header is not on line 1', '表头不在第 1 行'],
    ['latin1.csv', Buffer.from('customer_id,order_date,amount\nJos\xe9,2024-01-01,5\n', 'latin1'), 'the file is encoded as windows-1252', '该文件的编码是 windows-1252'],
    ['blank-header.csv', 'customer_id,order_date,amount,\nc1,2024-01-01,5,x\nc2,2024-02-01,7,y\n', 'some headers are blank or repeated ("Column D")', '有些表头为空或重复（"Column D"）'],
  ];
  for (const [name, body, en, zh] of cases) {
    const file = ordersFile(`duck-${name}`, body);
    const a = await run(['--orders', file, '--engine', 'duckdb', '--lang', 'en-US']);
    const b = await run(['--orders', file, '--engine', 'duckdb', '--lang', 'zh-CN']);
    expect([name, a.code, b.code]).toEqual([name, 2, 2]);
    expect(a.err).toContain(`${file}: ${en}`);
    expect(b.err).toContain(`${file}：${zh}`);
  }
});
