// Command-line entry: `customer-tiers <command> ...` (run with tsx, or through bin/customer-tiers.mjs).
import { t, type Locale } from '../i18n';
import { envLocale } from './locale';

function locale(argv: readonly string[]): Locale {
  const i = argv.indexOf('--lang');
  const v = i >= 0 ? argv[i + 1] : (argv.find((a) => a.startsWith('--lang=')) ?? '').slice(7);
  if (v === 'zh-CN' || v === 'en-US') return v;
  return envLocale();
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const loc = locale(argv);
  if (!command || command === '--help' || command === 'help') {
    process.stdout.write(`${t(loc, 'cli.usage')}\n`);
    return command ? 0 : 2;
  }
  // Each command is loaded when run, so `--help` does not evaluate the engine and the workbook code.
  if (command === 'classify') return (await import('./classify')).runClassify(rest);
  if (command === 'demo') return (await import('./demo')).runDemo(rest);
  if (command === 'refresh') return (await import('./refresh')).runRefresh(rest);
  if (command === 'check') return (await import('./check')).runCheck(rest);
  if (command === 'remove') return (await import('./remove')).runRemove(rest);
  process.stderr.write(`${t(loc, 'cli.unknown_command', { command })}\n${t(loc, 'cli.usage')}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${t(locale(process.argv), 'cli.unexpected', { message: e instanceof Error ? e.message : String(e) })}\n`);
    process.exitCode = 1;
  },
);
