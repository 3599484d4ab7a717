// The playbook in the pane: the config's own entries (config.playbook, stored in the workbook
// with the rest of the config at the next Write) over the default playbook of the pane's
// language. Only what differs from the default is kept, so a blank field means "the default"
// and a teammate in the other language reads the defaults in theirs.
import { useMemo } from 'react';
import type { TieringConfig } from '../../config';
import type { Locale } from '../../i18n';
import { defaultPlay } from '../../output/playbook';
import type { PaneTierAction } from '../components/Playbook';
import type { PlaybookBinding } from '../components/ResultsStep';

type Playbook = NonNullable<TieringConfig['playbook']>;

/** The config with one method's plays replaced: fields equal to the default or blank are left out. */
export function withPlays(config: TieringConfig, locale: Locale, method: string, actions: Record<string, PaneTierAction>): TieringConfig {
  const plays: Playbook[string] = {};
  for (const [tier, a] of Object.entries(actions)) {
    const base = defaultPlay(locale, method, tier, config);
    const action = a.action.trim();
    const owner = a.owner.trim();
    const own = { ...(action && action !== base?.action ? { action } : {}), ...(owner && owner !== base?.owner ? { owner } : {}) };
    if (Object.keys(own).length) plays[tier] = own;
  }
  const { [method]: _old, ...others } = config.playbook ?? {};
  const playbook: Playbook = Object.keys(plays).length ? { ...others, [method]: plays } : others;
  const { playbook: _gone, ...rest } = config;
  return Object.keys(playbook).length ? { ...rest, playbook } : rest;
}

export function usePlaybook(config: TieringConfig, locale: Locale, update: (fn: (c: TieringConfig) => TieringConfig) => void): PlaybookBinding {
  return useMemo(
    () => ({
      actions: (method) =>
        Object.fromEntries(Object.entries(config.playbook?.[method] ?? {}).map(([tier, p]) => [tier, { action: p.action ?? '', owner: p.owner ?? '' }])),
      defaults: (method, tiers) =>
        Object.fromEntries(
          tiers.map((tier) => {
            const d = defaultPlay(locale, method, tier, config);
            return [tier, d ? { action: d.action, owner: d.owner === '—' ? '' : d.owner } : undefined];
          }),
        ),
      onChange: (method, actions) => update((c) => withPlays(c, locale, method, actions)),
    }),
    [config, locale, update],
  );
}
