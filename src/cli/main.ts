// Command-line entry: `customer-tiers <command> ...` (run with tsx, or through bin/customer-tiers.mjs).
import { registerMessages, t, type Locale } from '../i18n';
import { messages } from '../i18n/messages/engine';
import { runClassify } from './classify';

registerMessages(messages);

type Runner = (argv: string[]) => Promise<number>;

function locale(argv: readonly string[]): Locale {
  const i = argv.indexOf('--lang');
  const v = i >= 0 ? argv[i + 1] : (argv.find((a) => a.startsWith('--lang=')) ?? '').slice(7);
  if (v === 'zh-CN' || v === 'en-US') return v;
  return /^zh/i.test(process.env.LC_ALL || process.env.LANG || '') ? 'zh-CN' : 'en-US';
}

/** Loads a command module that another part of the build may not have yet. */
async function optionalRunner(spec: string, name: string): Promise<Runner | null> {
  try {
    const mod = (await import(spec)) as Record<string, unknown>;
    return typeof mod[name] === 'function' ? (mod[name] as Runner) : null;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return null;
    throw e;
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const loc = locale(argv);
  if (!command || command === '--help' || command === 'help') {
    process.stdout.write(`${t(loc, 'cli.usage')}\n`);
    return command ? 0 : 2;
  }
  if (command === 'classify') return runClassify(rest);
  if (command === 'demo' || command === 'refresh') {
    const runner = await optionalRunner(command === 'demo' ? './demo' : './refresh', command === 'demo' ? 'runDemo' : 'runRefresh');
    if (!runner) {
      process.stderr.write(`${t(loc, 'cli.not_available', { feature: command })}\n`);
      return 2;
    }
    return runner(rest);
  }
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
