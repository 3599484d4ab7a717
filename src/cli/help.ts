// Per-command help and the version: `customer-tiers <command> --help|-h`, `--version`.
import { t, type Locale, type MessageKey } from '../i18n';
import * as fs from 'fs';
import * as path from 'path';

export const COMMANDS = ['classify', 'refresh', 'demo', 'check', 'remove', 'sql', 'facts'] as const;
export type Command = (typeof COMMANDS)[number];

const HELP: Record<Command, MessageKey> = {
  classify: 'cli.help.classify',
  refresh: 'cli.help.refresh',
  demo: 'cli.help.demo',
  check: 'cli.help.check',
  remove: 'cli.help.remove',
  sql: 'scale.sql_usage',
  facts: 'facts.usage',
};

export function isCommand(s: string | undefined): s is Command {
  return (COMMANDS as readonly string[]).includes(s ?? '');
}

export const isHelpFlag = (a: string): boolean => a === '--help' || a === '-h';
export const isVersionFlag = (a: string): boolean => a === '--version' || a === '-V';

/** The help of one command, or the general usage when none is named. */
export function helpText(locale: Locale, command?: Command): string {
  const body = command ? t(locale, HELP[command]) : t(locale, 'cli.usage');
  return `${body}\n\n${t(locale, 'cli.help.footer')}`;
}

/**
 * The version in the package's own package.json, found upwards from this module or from the
 * running script (a global install's bin link resolved): read at run time, so a bundled or
 * installed CLI reports the version it was packed with.
 */
export function packageVersion(): string {
  const starts: string[] = [];
  if (typeof __dirname !== 'undefined') starts.push(__dirname);
  try {
    if (process.argv[1]) starts.push(path.dirname(fs.realpathSync(process.argv[1])));
  } catch {
    // no script path: the module's own folder is enough
  }
  for (const start of starts) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      try {
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'customer-tiers' && pkg.version) return pkg.version;
      } catch {
        // no package.json here: go up
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  return 'unknown';
}

export function versionText(locale: Locale): string {
  return t(locale, 'cli.version', { version: packageVersion() });
}
