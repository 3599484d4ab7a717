// `customer-tiers remove <book.xlsx>`: takes away exactly what the add-in can prove it wrote
// (the pane's "Remove results"), so an `--in-place` run can be undone from the command line.
// Edited output is left as the user made it unless --replace-edits says remove it too.
import * as fs from 'fs';
import { t, type Locale } from '../i18n';
import '../output/labels';
import { describeKnownError } from '../workbook/describeError';
import { removeResults } from '../workbook/run';
import { openWorkbook, saveOrUserError } from './openWorkbook';
import { writeErr, writeOut } from './terminal';
import { parseArgs } from './args';
import { envLocale } from './locale';

export async function runRemove(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['out', 'lang'], flags: ['replace-edits'] });
  const envLang: Locale = envLocale();
  const lang = args.ok ? (args.options.lang as Locale | undefined) : undefined;
  const locale: Locale = lang === 'zh-CN' || lang === 'en-US' ? lang : envLang;
  if (!args.ok) {
    writeErr(`${t(locale, args.error.key, args.error.params)}\n${t(locale, 'out.cli.removeUsage')}\n`);
    return 2;
  }
  const [file] = args.positional;
  if (!file || args.positional.length > 1) {
    writeErr(`${t(locale, 'out.cli.removeUsage')}\n`);
    return 2;
  }
  if (!fs.existsSync(file)) {
    writeErr(`${t(locale, 'cli.file_missing', { file })}\n`);
    return 2;
  }
  try {
    const port = await openWorkbook(file);
    const report = await removeResults(port, { locale, edits: args.flags.has('replace-edits') ? 'replace' : 'keep' });
    const out = args.options.out ?? file;
    await saveOrUserError(port, out);
    for (const p of report.problems) writeOut(`${t(locale, 'out.cli.problem', { message: p.message })}\n`);
    writeOut(`${t(locale, 'out.cli.removed', { file: out, sheets: report.sheets.length, columns: report.columns })}\n`);
    return 0;
  } catch (e) {
    const known = describeKnownError(e, locale);
    if (known === null) throw e;
    writeErr(`${known}\n`);
    return 2;
  }
}
