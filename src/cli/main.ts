// Command-line entry: `customer-tiers <command> ...` (run with tsx, or through bin/customer-tiers.mjs).
// Exit codes: 0 done, 2 a user error (the message says what, where and what to do), 1 a bug.
import { t, type Locale } from '../i18n';
import { describeKnownError } from '../workbook/describeError';
import { helpText, isCommand, isHelpFlag, isVersionFlag, versionText } from './help';
import { InputFileError } from './inputError';
import { envLocale } from './locale';
import { writeErr, writeOut } from './terminal';

function locale(argv: readonly string[]): Locale {
  const i = argv.indexOf('--lang');
  const v = i >= 0 ? argv[i + 1] : (argv.find((a) => a.startsWith('--lang=')) ?? '').slice(7);
  if (v === 'zh-CN' || v === 'en-US') return v;
  return envLocale();
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const loc = locale(argv);
  if (command !== undefined && isVersionFlag(command)) {
    writeOut(`${versionText(loc)}\n`);
    return 0;
  }
  if (!command || isHelpFlag(command) || command === 'help') {
    const about = command === 'help' && isCommand(rest[0]) ? rest[0] : undefined;
    (command ? writeOut : writeErr)(`${helpText(loc, about)}\n`);
    return command ? 0 : 2;
  }
  if (isCommand(command) && rest.some(isHelpFlag)) {
    writeOut(`${helpText(loc, command)}\n`);
    return 0;
  }
  // Each command is loaded when run, so `--help` does not evaluate the engine and the workbook code.
  if (command === 'classify') return (await import('./classify')).runClassify(rest);
  if (command === 'demo') return (await import('./demo')).runDemo(rest);
  if (command === 'refresh') return (await import('./refresh')).runRefresh(rest);
  if (command === 'check') return (await import('./check')).runCheck(rest);
  if (command === 'remove') return (await import('./remove')).runRemove(rest);
  if (command === 'sql') return (await import('./sql')).runSql(rest);
  if (command === 'facts') return (await import('./facts')).runFacts(rest);
  writeErr(`${t(loc, 'cli.unknown_command', { command })}\n${t(loc, 'cli.usage')}\n`);
  return 2;
}

/** A thrown value the user can act on (bad file, workbook state) → its sentence; else null (a bug). */
export function userErrorText(e: unknown, loc: Locale): string | null {
  if (e instanceof InputFileError) return t(loc, e.key, e.params);
  return describeKnownError(e, loc);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const loc = locale(process.argv);
    const known = userErrorText(e, loc);
    writeErr(`${known ?? t(loc, 'cli.unexpected', { message: e instanceof Error ? e.message : String(e) })}\n`);
    process.exitCode = known === null ? 1 : 2;
  },
);
