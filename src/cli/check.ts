// `customer-tiers check <book.xlsx>`: what a refresh and a remove would touch, what they would
// leave alone and why, and what blocks a refresh; nothing is written (the file is only read).
// Exit 0 when all is well, 2 when something is unproven, edited or blocking (or the input is bad).
import * as fs from 'fs';
import { t, type Locale } from '../i18n';
import '../output/labels';
import { checkReportLines, checkWorkbook } from '../workbook/check';
import { describeKnownError } from '../workbook/describeError';
import { openWorkbook } from './openWorkbook';
import { writeErr, writeOut } from './terminal';
import { parseArgs } from './args';
import { envLocale } from './locale';

export async function runCheck(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['lang'], flags: [] });
  const envLang: Locale = envLocale();
  if (!args.ok) {
    writeErr(`${t(envLang, args.error.key, args.error.params)}\n${t(envLang, 'out.cli.checkUsage')}\n`);
    return 2;
  }
  const lang = args.options.lang;
  const locale: Locale = lang === 'zh-CN' || lang === 'en-US' ? lang : envLang;
  const [file] = args.positional;
  if (!file || args.positional.length > 1) {
    writeErr(`${t(locale, 'out.cli.checkUsage')}\n`);
    return 2;
  }
  if (!fs.existsSync(file)) {
    writeErr(`${t(locale, 'cli.file_missing', { file })}\n`);
    return 2;
  }
  try {
    // --lang, else the language stored with the workbook's config, else the environment's.
    const said: Locale | undefined = lang === 'zh-CN' || lang === 'en-US' ? lang : undefined;
    const report = await checkWorkbook(await openWorkbook(file), said ? { locale: said } : { fallbackLocale: envLang });
    writeOut(`${[t(report.locale, 'out.check.title', { file }), ...checkReportLines(report)].join('\n')}\n`);
    return report.ok ? 0 : 2;
  } catch (e) {
    const known = describeKnownError(e, locale);
    if (known === null) throw e;
    writeErr(`${known}\n`);
    return 2;
  }
}
