// Writes the jszip cases of the hostile corpus to test/fixtures/hostile/ (deterministic: the
// corpus test rebuilds them and compares bytes). Run: npx tsx test/workbook/hostile/generate.ts
// The openpyxl and LibreOffice cases: gen_openpyxl.py, then gen_libreoffice.sh (see README.md here).
import * as fs from 'fs';
import * as path from 'path';
import { buildCase, jszipCases } from './cases';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/hostile');

async function main(): Promise<void> {
  fs.mkdirSync(FIXTURES, { recursive: true });
  for (const c of jszipCases()) {
    const buf = await buildCase(c);
    fs.writeFileSync(path.join(FIXTURES, c.file), buf);
    process.stdout.write(`${c.file} ${buf.length} bytes\n`);
  }
}

if (require.main === module) void main();
