// What to do with each tier (the playbook) and campaign lists, in the pane. The pane owns only
// the editing: the playbook's shape in the config and the export itself belong to the output
// (src/output), so these components speak a small interface of their own (PaneTierAction,
// CampaignRequest). App.tsx wires them (controller/usePlaybook.ts, controller/useCampaign.ts):
// the playbook is stored in the workbook with the rest of the config at the next Write.
import { Button, Checkbox, Dropdown, Field, Input, Option, Radio, RadioGroup, Subtitle2, Text, Textarea, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular, ArrowResetRegular, ArrowUndoRegular } from '@fluentui/react-icons';
import { useEffect, useId, useState } from 'react';
import { tierLabel, useLocale, useT } from '../i18n';
import { useCommonStyles } from '../styles';

/** One tier's action and who carries it out (an owner or a channel), in the user's words. */
export interface PaneTierAction {
  action: string;
  owner: string;
}

/** A method's tiers (keys, best first) and the actions given to them so far. */
export interface TierActionEditorProps {
  method: string;
  /** Display name of the method (methodLabel). */
  methodName: string;
  tiers: readonly string[];
  actions: Readonly<Record<string, PaneTierAction | undefined>>;
  /** The default playbook's entries, shown as placeholders: a blank field means the default. */
  defaults?: Readonly<Record<string, PaneTierAction | undefined>>;
  disabled?: boolean;
  onChange(actions: Record<string, PaneTierAction>): void;
  /** Shows the method as a heading (false inside a container that already names it). */
  titled?: boolean;
}

const useStyles = makeStyles({
  tier: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    rowGap: tokens.spacingVerticalXS,
    paddingBlock: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  name: { fontWeight: tokens.fontWeightSemibold, wordBreak: 'keep-all', overflowWrap: 'break-word', flexGrow: 1, minWidth: 0 },
  head: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalXS, minHeight: '24px' },
  // Action above owner: both as wide as the pane, so neither is cut at 320 px.
  pair: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    rowGap: tokens.spacingVerticalXS,
    '& > *': { minWidth: 0 },
    '& input, & textarea': { minWidth: 0, width: '100%' },
    '& .fui-Input, & .fui-Textarea': { minWidth: 0, width: '100%', maxWidth: '100%' },
  },
});

/**
 * A text box that reports its value when the user leaves it or presses Enter (not on every key).
 * Multiline for the action: its default (the placeholder) wraps and is read whole at 320 px.
 */
function CommitInput({ label, value, placeholder, disabled, multiline, onCommit }: { label: string; value: string; placeholder?: string; disabled?: boolean; multiline?: boolean; onCommit(v: string): void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => text !== value && onCommit(text.trim());
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    commit();
  };
  return (
    <Field label={label} size="small">
      {multiline ? (
        <Textarea size="small" rows={2} resize="vertical" value={text} placeholder={placeholder} disabled={disabled} onChange={(_, d) => setText(d.value)} onBlur={commit} onKeyDown={onKeyDown} />
      ) : (
        <Input size="small" value={text} placeholder={placeholder} disabled={disabled} onChange={(_, d) => setText(d.value)} onBlur={commit} onKeyDown={onKeyDown} />
      )}
    </Field>
  );
}

/** The action and owner/channel of every tier of one method. */
export function TierActionEditor({ method, methodName, tiers, actions, defaults, disabled, onChange, titled = true }: TierActionEditorProps) {
  const tr = useT();
  const locale = useLocale();
  const s = useCommonStyles();
  const st = useStyles();
  const full = (): Record<string, PaneTierAction> => Object.fromEntries(tiers.map((t) => [t, actions[t] ?? { action: '', owner: '' }]));
  const set = (tier: string, patch: Partial<PaneTierAction>) => {
    const next = full();
    next[tier] = { ...next[tier], ...patch };
    onChange(next);
  };
  return (
    <section className={s.section} aria-label={tr('playbook.method', { method: methodName })}>
      <div className={s.row} style={{ alignItems: 'center' }}>
        {titled ? (
          <Subtitle2 as="h3" className={s.grow} style={{ margin: 0 }}>
            {tr('playbook.method', { method: methodName })}
          </Subtitle2>
        ) : (
          <span className={s.grow} />
        )}
        {defaults && (
          <Button
            size="small"
            icon={<ArrowResetRegular />}
            className={s.hcDisabled}
            disabled={disabled}
            onClick={() => onChange(Object.fromEntries(tiers.map((t) => [t, { action: '', owner: '' }])))}
          >
            {tr('playbook.useDefaults')}
          </Button>
        )}
      </div>
      {tiers.map((tier) => {
        const name = tierLabel(locale, method, tier);
        const a = actions[tier] ?? { action: '', owner: '' };
        const own = Boolean(a.action || a.owner);
        return (
          <div key={tier} className={st.tier} role="group" aria-label={name}>
            <div className={st.head}>
              <Text size={200} className={st.name}>
                {name}
              </Text>
              {own && (
                // Blank fields mean "the default": resetting a tier empties both.
                <Tooltip content={tr('playbook.resetTier', { tier: name })} relationship="label">
                  <Button size="small" appearance="subtle" icon={<ArrowUndoRegular />} className={s.hcDisabled} disabled={disabled} onClick={() => set(tier, { action: '', owner: '' })} />
                </Tooltip>
              )}
            </div>
            <div className={st.pair}>
              <CommitInput label={tr('playbook.action')} multiline value={a.action} placeholder={defaults?.[tier]?.action} disabled={disabled} onCommit={(v) => set(tier, { action: v })} />
              <CommitInput label={tr('playbook.owner')} value={a.owner} placeholder={defaults?.[tier]?.owner} disabled={disabled} onCommit={(v) => set(tier, { owner: v })} />
            </div>
          </div>
        );
      })}
    </section>
  );
}

/** What the user asks to export: the customers in any of the chosen tiers, as a CSV download or a sheet. */
export interface CampaignRequest {
  selection: { method: string; tiers: string[] }[];
  format: 'csv' | 'sheet';
}

export interface CampaignExportProps {
  /** The methods of the result, each with its tiers (best first) and customer counts. */
  methods: readonly { method: string; name: string; tiers: readonly { tier: string; customers: number }[] }[];
  /** How many customers a selection holds (a customer in two chosen tiers counts once). */
  countOf(selection: CampaignRequest['selection']): number;
  /** The selection in words ("ABC: A; Activity: Silent"), as the exported sheet's title says it. */
  describe(selection: CampaignRequest['selection']): string;
  disabled?: boolean;
  onExport(request: CampaignRequest): void;
}

/** Campaign list: tick tiers of one or more methods, pick where to, and export their customers with contacts. */
export function CampaignExport({ methods, countOf, describe, disabled, onExport }: CampaignExportProps) {
  const tr = useT();
  const locale = useLocale();
  const s = useCommonStyles();
  const id = useId();
  const [method, setMethod] = useState(methods[0]?.method ?? '');
  const [chosen, setChosen] = useState<Record<string, string[]>>({});
  const [format, setFormat] = useState<CampaignRequest['format']>('sheet');
  const current = methods.find((m) => m.method === method) ?? methods[0];
  if (!current) return null;
  // Best tier first, methods in the result's order.
  const selection = methods.map((m) => ({ method: m.method, tiers: m.tiers.map((t) => t.tier).filter((t) => chosen[m.method]?.includes(t)) })).filter((x) => x.tiers.length);
  const count = selection.length ? countOf(selection) : 0;
  const fmt = (n: number) => new Intl.NumberFormat(locale).format(n);
  const toggle = (tier: string, on: boolean) =>
    setChosen((c) => {
      const was = c[current.method] ?? [];
      return { ...c, [current.method]: on ? [...was, tier] : was.filter((x) => x !== tier) };
    });
  return (
    <section className={s.section} aria-labelledby={`${id}-title`}>
      <Subtitle2 as="h2" id={`${id}-title`} style={{ margin: 0 }}>
        {tr('campaign.title')}
      </Subtitle2>
      <Text size={200} className={s.hint}>
        {tr('campaign.hint')}
      </Text>
      <Field label={tr('campaign.method')}>
        <Dropdown value={current.name} selectedOptions={[current.method]} disabled={disabled} onOptionSelect={(_, d) => setMethod(d.optionValue ?? method)}>
          {methods.map((m) => (
            <Option key={m.method} value={m.method}>
              {m.name}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <div role="group" aria-labelledby={`${id}-tiers`} className={s.tight}>
        <Text id={`${id}-tiers`} weight="semibold" size={200}>
          {tr('campaign.tiers')}
        </Text>
        {current.tiers.map((t) => (
          <Checkbox
            key={t.tier}
            disabled={disabled}
            checked={Boolean(chosen[current.method]?.includes(t.tier))}
            label={tr('campaign.tier', { tier: tierLabel(locale, current.method, t.tier), count: fmt(t.customers) })}
            onChange={(_, d) => toggle(t.tier, Boolean(d.checked))}
          />
        ))}
      </div>
      <Text size={200} role="status">
        {selection.length ? tr('campaign.chosen', { list: describe(selection) }) : tr('campaign.none')}
      </Text>
      <Field label={tr('campaign.format')}>
        <RadioGroup value={format} disabled={disabled} onChange={(_, d) => setFormat(d.value as CampaignRequest['format'])}>
          <Radio value="sheet" label={tr('campaign.format.sheet')} />
          <Radio value="csv" label={tr('campaign.format.csv')} />
        </RadioGroup>
      </Field>
      <div className={s.row} style={{ alignItems: 'center' }}>
        <Button
          icon={<ArrowDownloadRegular />}
          className={s.hcDisabled}
          disabledFocusable={disabled || count === 0}
          onClick={() => count > 0 && onExport({ selection, format })}
        >
          {tr('campaign.export', { count: fmt(count) })}
        </Button>
      </div>
    </section>
  );
}
