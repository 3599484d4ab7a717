// `customer-tiers remove` as a user runs it: a real process undoes `classify --in-place` on a
// user's workbook, part by part, and leaves an edited group sheet unless told otherwise.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadPackage, diffParts } from '../workbook/hostile/compare';
import { XlsxPort } from '../../src/workbook/ooxml/port';
import { REGISTRY_KEY } from '../../src/workbook/state';
import type { Registry } from '../../src/output/registry';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.resolve(__dirname, '../fixtures/hostile/vba-project.xlsm');

function cli(args: string[], cwd: string) {
  const res = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/cli/main.ts'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiers-remove-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('customer-tiers remove', () => {
  it('undoes classify --in-place on a macro workbook: every part as it was, macros included', async () => {
    const book = path.join(dir, 'book.xlsm');
    fs.copyFileSync(FIXTURE, book);
    const tiered = cli(['classify', '--orders', `${book}#订单`, '--in-place', '--lang', 'en-US'], dir);
    expect([tiered.code, tiered.err]).toEqual([0, '']);
    const removed = cli(['remove', book, '--lang', 'zh-CN'], dir);
    expect([removed.code, removed.err]).toEqual([0, '']);
    expect(removed.out).toMatch(/已从 .*book\.xlsm 删除结果：\d+ 个工作表/);
    const before = await loadPackage(fs.readFileSync(FIXTURE));
    const after = await loadPackage(fs.readFileSync(book));
    // Only our settings part (the config stays, so refresh can run again) is new.
    const diff = diffParts(before, after);
    expect(diff.removed).toEqual([]);
    expect(diff.changed.filter((p) => !/^\[Content_Types\]\.xml$|^xl\/_rels\/workbook\.xml\.rels$/.test(p))).toEqual([]);
    expect(diff.added.every((p) => p.startsWith('customXml/'))).toBe(true);
    expect(after.files.get('xl/vbaProject.bin')).toEqual(before.files.get('xl/vbaProject.bin'));
  }, 60_000);

  it('leaves a group sheet the user edited, and removes it with --replace-edits', async () => {
    const book = path.join(dir, 'edited.xlsm');
    fs.copyFileSync(FIXTURE, book);
    expect(cli(['classify', '--orders', `${book}#订单`, '--in-place'], dir).code).toBe(0);
    const port = await XlsxPort.fromFile(book);
    const group = (JSON.parse((await port.getSetting(REGISTRY_KEY))!) as Registry).sheets.find((s) => s.role === 'group')!.name;
    await port.write([{ op: 'values', sheet: group, row: 0, col: 12, values: [['call back Monday']] }]);
    await port.save(book);
    const other = path.join(dir, 'edited-copy.xlsm');
    fs.copyFileSync(book, other);
    // Left as the user made it: it is theirs now (a later remove has nothing of ours to take).
    expect(cli(['remove', book], dir).code).toBe(0);
    expect((await (await XlsxPort.fromFile(book)).listSheets()).map((s) => s.name)).toContain(group);
    // Told to, remove takes the edited sheet as well.
    expect(cli(['remove', other, '--replace-edits'], dir).code).toBe(0);
    expect((await (await XlsxPort.fromFile(other)).listSheets()).map((s) => s.name)).not.toContain(group);
    expect(cli(['remove', 'missing.xlsx'], dir).code).toBe(2);
  }, 60_000);
});
