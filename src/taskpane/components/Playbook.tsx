// What to do with each tier (the playbook) and campaign lists, in the pane. The pane owns only
// the editing: the playbook's shape in the config and the export itself belong to the output
// (src/output), so these components speak a small interface of their own (PaneTierAction,
// CampaignRequest). Wiring (App.tsx → ResultsStep's `playbook` and `campaign` props):
//  - playbook.actions(method) / defaults(method): the config's playbook entries of that method
//    (config.playbook or output.playbook) and the default playbook's, as {tier: {action, owner}};
//  - playbook.onChange(method, actions): dispatch updateConfig writing them back (stored in the
//    workbook with the rest of the config at the next Write);
//  - campaign.onExport(request): the output's pure campaign-export function on state.result and
//    the customer source, then save the bytes (a new sheet, or a download on Excel on the web).
import { Button, Checkbox, Dropdown, Field, Input, Option, Radio, RadioGroup, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular, ArrowResetRegular } from '@fluentui/react-icons';
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
  /** The default playbook's entries, offered by "Use the defaults" and shown as placeholders. */
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
  name: { fontWeight: tokens.fontWeightSemibold, wordBreak: 'keep-all', overflowWrap: 'break-word' },
  pair: { display: 'grid', gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 1fr)', columnGap: tokens.spacingHorizontalS, '& > *': { minWidth: 0 } },
});

/** A text box that reports its value when the user leaves it (not on every key). */
function CommitInput({ label, value, placeholder, disabled, onCommit }: { label: string; value: string; placeholder?: string; disabled?: boolean; onCommit(v: string): void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => text !== value && onCommit(text.trim());
  return (
    <Field label={label} size="small">
      <Input
        size="small"
        value={text}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(_, d) => setText(d.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
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
            onClick={() => onChange(Object.fromEntries(tiers.map((t) => [t, defaults[t] ?? { action: '', owner: '' }])))}
          >
            {tr('playbook.useDefaults')}
          </Button>
        )}
      </div>
      {tiers.map((tier) => {
        const name = tierLabel(locale, method, tier);
        const a = actions[tier] ?? { action: '', owner: '' };
        return (
          <div key={tier} className={st.tier} role="group" aria-label={name}>
            <Text size={200} className={st.name}>
              {name}
            </Text>
            <div className={st.pair}>
              <CommitInput label={tr('playbook.action')} value={a.action} placeholder={defaults?.[tier]?.action} disabled={disabled} onCommit={(v) => set(tier, { action: v })} />
              <CommitInput label={tr('playbook.owner')} value={a.owner} placeholder={defaults?.[tier]?.owner} disabled={disabled} onCommit={(v) => set(tier, { owner: v })} />
            </div>
          </div>
        );
      })}
    </section>
  );
}

/** What the user asks to export: the customers of some tiers of one method, in a file format. */
export interface CampaignRequest {
  method: string;
  tiers: string[];
  format: 'csv' | 'xlsx';
}

export interface CampaignExportProps {
  /** The methods of the result, each with its tiers (best first) and customer counts. */
  methods: readonly { method: string; name: string; tiers: readonly { tier: string; customers: number }[] }[];
  disabled?: boolean;
  /** Builds the file (the output's pure export function, formula-guarded) and hands it to the browser. */
  onExport(request: CampaignRequest): void;
}

/** Campaign list: pick a method and its tiers, a format, and export their customers with contacts. */
export function CampaignExport({ methods, disabled, onExport }: CampaignExportProps) {
  const tr = useT();
  const locale = useLocale();
  const s = useCommonStyles();
  const id = useId();
  const [method, setMethod] = useState(methods[0]?.method ?? '');
  const [chosen, setChosen] = useState<string[]>([]);
  const [format, setFormat] = useState<'csv' | 'xlsx'>('xlsx');
  const current = methods.find((m) => m.method === method) ?? methods[0];
  if (!current) return null;
  const count = current.tiers.filter((t) => chosen.includes(t.tier)).reduce((a, t) => a + t.customers, 0);
  return (
    <section className={s.section} aria-labelledby={`${id}-title`}>
      <Subtitle2 as="h2" id={`${id}-title`} style={{ margin: 0 }}>
        {tr('campaign.title')}
      </Subtitle2>
      <Text size={200} className={s.hint}>
        {tr('campaign.hint')}
      </Text>
      <Field label={tr('campaign.method')}>
        <Dropdown
          value={current.name}
          selectedOptions={[current.method]}
          disabled={disabled}
          onOptionSelect={(_, d) => {
            setMethod(d.optionValue ?? method);
            setChosen([]);
          }}
        >
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
            checked={chosen.includes(t.tier)}
            label={tr('campaign.tier', { tier: tierLabel(locale, current.method, t.tier), count: new Intl.NumberFormat(locale).format(t.customers) })}
            onChange={(_, d) => setChosen((c) => (d.checked ? [...c, t.tier] : c.filter((x) => x !== t.tier)))}
          />
        ))}
      </div>
      <Field label={tr('campaign.format')}>
        <RadioGroup layout="horizontal" value={format} disabled={disabled} onChange={(_, d) => setFormat(d.value as 'csv' | 'xlsx')}>
          <Radio value="xlsx" label={tr('campaign.format.xlsx')} />
          <Radio value="csv" label={tr('campaign.format.csv')} />
        </RadioGroup>
      </Field>
      <div className={s.row} style={{ alignItems: 'center' }}>
        <Button
          icon={<ArrowDownloadRegular />}
          className={s.hcDisabled}
          disabledFocusable={disabled || chosen.length === 0}
          onClick={() => chosen.length && onExport({ method: current.method, tiers: current.tiers.map((t) => t.tier).filter((t) => chosen.includes(t)), format })}
        >
          {tr('campaign.export', { count: new Intl.NumberFormat(locale).format(count) })}
        </Button>
      </div>
    </section>
  );
}
