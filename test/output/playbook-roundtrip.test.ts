// The playbook is part of the config the workbook stores: written with a run, read back from
// the saved .xlsx, and used by the next refresh (which has no config of its own).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseConfig } from '../../src/config';
import { demoConfig, demoWorkbook } from '../../src/cli/demo';
import { generateDemo } from '../../src/cli/demoData';
import { refreshWorkbook } from '../../src/workbook/run';
import { loadConfig } from '../../src/workbook/state';
import { XlsxPort } from '../../src/workbook/ooxml/port';

it('round-trips the playbook through the workbook and the next refresh uses it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'playbook-'));
  try {
    const port = await demoWorkbook(generateDemo({ customers: 200, seed: 3 }));
    const playbook = { abc: { A: { action: '总经理每季度拜访', owner: '总经理' } }, changes: { down: { action: '三天内回电' } } };
    const parsed = parseConfig({ ...demoConfig('zh-CN'), playbook });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    await refreshWorkbook(port, { config: parsed.config });
    const file = path.join(dir, 'book.xlsx');
    await port.save(file);

    const again = await XlsxPort.fromFile(file);
    const stored = await loadConfig(again, 'zh-CN');
    expect(stored.problems).toEqual([]);
    expect(stored.config?.playbook).toEqual(playbook);

    const report = await refreshWorkbook(again, {});
    const group = report.sheets['group:abc:A'];
    const { values } = await again.read({ kind: 'sheet', sheet: group });
    expect(values[2][0]).toBe('应对措施：总经理每季度拜访（总经理）');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
