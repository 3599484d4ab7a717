// A small argv parser: `--name value`, `--name=value` and boolean flags, checked against a spec.
import type { MessageKey } from '../i18n';
export interface OptionSpec {
  /** Option names (without --) that take a value. */
  values: readonly string[];
  /** Option names that are plain flags. */
  flags: readonly string[];
}

export type ParsedArgs =
  | { ok: true; options: Record<string, string>; flags: Set<string>; positional: string[] }
  | { ok: false; error: { key: MessageKey; params: Record<string, string> } };

export function parseArgs(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const options: Record<string, string> = {};
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--') || arg === '--') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (spec.flags.includes(name)) {
      if (eq >= 0) return { ok: false, error: { key: 'cli.unknown_option', params: { option: arg } } };
      flags.add(name);
    } else if (spec.values.includes(name)) {
      let value: string | undefined;
      if (eq >= 0) value = arg.slice(eq + 1);
      else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
      if (value === undefined || value === '') return { ok: false, error: { key: 'cli.missing_value', params: { option: `--${name}` } } };
      options[name] = value;
    } else {
      return { ok: false, error: { key: 'cli.unknown_option', params: { option: arg } } };
    }
  }
  return { ok: true, options, flags, positional };
}
