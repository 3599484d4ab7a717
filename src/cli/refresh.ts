// `customer-tiers refresh <book.xlsx>`: re-run from the config stored in the workbook — the
// monthly job of a manager who does not open Excel.
import * as fs from 'fs';
import type { Locale } from '../i18n';
import { t } from '../i18n';
import '../output/labels';
import { describeKnownError } from '../workbook/describeError';
import { refreshWorkbook } from '../workbook/run';
import { openWorkbook, saveOrUserError } from './openWorkbook';
import { writeErr, writeOut } from './terminal';
import { parseArgs } from './args';
import { envLocale } from './locale';
import { summaryText } from './classify';
import { EDIT_FLAGS, editChoiceOf, editedStopText } from './edits';

export async function runRefresh(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['out', 'analysis-date', 'lang'], flags: EDIT_FLAGS });
  const envLang: Locale = envLocale();
  if (!args.ok) {
    writeErr(`${t(envLang, args.error.key, args.error.params)}\n${t(envLang, 'out.cli.refreshUsage')}\n`);
    return 2;
  }
  const lang = args.options.lang as Locale | undefined;
  const locale: Locale = lang === 'zh-CN' || lang === 'en-US' ? lang : envLang;
  const [file] = args.positional;
  const date = args.options['analysis-date'];
  if (!file || args.positional.length > 1) {
    writeErr(`${t(locale, 'out.cli.refreshUsage')}\n`);
    return 2;
  }
  // Edited output is never replaced without being asked: stop unless a flag says what to do.
  const edits = editChoiceOf(args.flags);
  if (!edits) {
    writeErr(`${t(locale, 'out.cli.editsExclusive')}\n${t(locale, 'out.cli.refreshUsage')}\n`);
    return 2;
  }
  if (!fs.existsSync(file)) {
    writeErr(`${t(locale, 'cli.file_missing', { file })}\n`);
    return 2;
  }
  try {
    const port = await openWorkbook(file);
    const report = await refreshWorkbook(port, { analysisDate: date, edits, ...(lang ? { locale: lang } : {}) });
    const out = args.options.out ?? file;
    await saveOrUserError(port, out);
    // --lang, else the workbook's stored config's locale (the run's language), else the environment's.
    const said: Locale = lang === 'zh-CN' || lang === 'en-US' ? lang : (report.config.locale ?? locale);
    writeOut(`${summaryText(report.result, said, report.config)}\n`);
    for (const p of report.problems) writeOut(`${t(said, 'out.cli.problem', { message: p.message })}\n`);
    writeOut(`${t(said, 'out.cli.refreshed', { file: out, sheets: Object.keys(report.sheets).length, columns: report.columns, charts: report.charts })}\n`);
    return 0;
  } catch (e) {
    // Coded errors (state, engine, workbook) as sentences; anything else is unexpected (main.ts).
    const known = editedStopText(e, locale) ?? describeKnownError(e, locale);
    if (known === null) throw e;
    writeErr(`${known}\n`);
    return 2;
  }
}
