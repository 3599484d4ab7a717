// Per-command help and the version: `customer-tiers <command> --help|-h`, `--version`.
import { t, type Locale, type MessageKey } from '../i18n';
import pkg from '../../package.json';

export const COMMANDS = ['classify', 'refresh', 'demo', 'check', 'remove'] as const;
export type Command = (typeof COMMANDS)[number];

const HELP: Record<Command, MessageKey> = {
  classify: 'cli.help.classify',
  refresh: 'cli.help.refresh',
  demo: 'cli.help.demo',
  check: 'cli.help.check',
  remove: 'cli.help.remove',
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

export function versionText(locale: Locale): string {
  return t(locale, 'cli.version', { version: pkg.version });
}
