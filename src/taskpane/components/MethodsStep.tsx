// Step 2: which methods run and with which parameters. Every change edits the one
// TieringConfig; the config's own validation is shown field by field. Each method has its
// panel (methods/); this step gives them their part of the config and the callbacks.
import { Accordion, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useMemo } from 'react';
import { AbcSchema, ActivitySchema, ClvSchema, PreferencesSchema, RfmSchema, parseConfig, type TieringConfig } from '../../config';
import { useLocale, useT } from '../i18n';
import { useCommonStyles } from '../styles';
import type { RulePreview } from '../worker/rulePreview';
import { ChoiceField, DateField } from './fields';
import { AbcPanel } from './methods/AbcPanel';
import { ActivityPanel } from './methods/ActivityPanel';
import { ClvPanel } from './methods/ClvPanel';
import { DimensionsPanel } from './methods/DimensionsPanel';
import { PreferencesPanel } from './methods/PreferencesPanel';
import { RfmPanel } from './methods/RfmPanel';
import { RulesPanel } from './methods/RulesPanel';

export interface MethodsStepProps {
  config: TieringConfig;
  /** Headers of the customer source (candidates for dimensions). */
  customerHeaders: string[];
  /** The headers detection would cross-tab while no dimension is chosen (region, industry, size). */
  detectedDimensions?: string[];
  /** Whether there is a result to check rules against. */
  hasResult: boolean;
  /** The worker's rule fields and coverage for the last result. */
  rulePreview: RulePreview | null;
  disabled?: boolean;
  /** Whether the orders have a category, subcategory or channel column (needs and habits run on them). */
  preferenceColumns?: boolean;
  onChange(update: (c: TieringConfig) => TieringConfig): void;
}

type MethodKey = 'abc' | 'rfm' | 'activity' | 'clv' | 'preferences';
type MethodConfig<K extends MethodKey> = NonNullable<TieringConfig['methods'][K]>;
const DEFAULTS: { [K in MethodKey]: () => MethodConfig<K> } = {
  abc: () => AbcSchema.parse({}),
  rfm: () => RfmSchema.parse({}),
  activity: () => ActivitySchema.parse({}),
  clv: () => ClvSchema.parse({ enabled: true }),
  preferences: () => PreferencesSchema.parse({}),
};

/** The config's field errors, in the pane's language. */
export function configErrors(config: TieringConfig, locale: 'zh-CN' | 'en-US' = 'en-US'): { path: string; message: string }[] {
  const r = parseConfig(config, locale);
  return r.ok ? [] : r.errors;
}

export function MethodsStep({ config, customerHeaders, detectedDimensions = [], hasResult, rulePreview, disabled, preferenceColumns = false, onChange }: MethodsStepProps) {
  const locale = useLocale();
  const s = useCommonStyles();
  const m = config.methods;
  const errors = useMemo(() => configErrors(config, locale), [config, locale]);

  const edit = <K extends MethodKey>(k: K, p: Partial<MethodConfig<K>>) =>
    onChange((c) => ({ ...c, methods: { ...c.methods, [k]: { ...(c.methods[k] ?? DEFAULTS[k]()), ...p } } }));
  /** What a panel gets for method k: its settings (defaults until edited) and callbacks. */
  const panel = <K extends MethodKey>(k: K, value: MethodConfig<K>) => ({
    value,
    on: Boolean(m[k]?.enabled),
    disabled,
    onToggle: (on: boolean) => edit(k, { enabled: on } as Partial<MethodConfig<K>>),
    onPatch: (p: Partial<MethodConfig<K>>) => edit(k, p),
  });
  // With none listed and detection on, the engine cross-tabs the detected columns: show them ticked,
  // and make the first toggle an explicit list (detection off), so unticking them all means none.
  const shownDimensions = (c: TieringConfig) =>
    c.methods.dimensions.length || !c.methods.detectDimensions ? c.methods.dimensions : detectedDimensions.filter((h) => customerHeaders.includes(h));
  const detecting = !m.dimensions.length && m.detectDimensions && shownDimensions(config).length > 0;
  const toggleDimension = (h: string, on: boolean) =>
    onChange((c) => {
      const dims = shownDimensions(c);
      const next = on ? [...dims.filter((x) => x !== h), h].slice(0, 20) : dims.filter((x) => x !== h);
      return { ...c, methods: { ...c.methods, dimensions: next, detectDimensions: false } };
    });

  return (
    <div className={s.stack}>
      <GeneralSection config={config} disabled={disabled} onChange={onChange} />
      <Accordion multiple collapsible defaultOpenItems={['abc']}>
        <AbcPanel {...panel('abc', m.abc ?? DEFAULTS.abc())} />
        <RfmPanel {...panel('rfm', m.rfm ?? DEFAULTS.rfm())} />
        <ActivityPanel {...panel('activity', m.activity ?? DEFAULTS.activity())} />
        <DimensionsPanel headers={customerHeaders} chosen={shownDimensions(config)} detected={detecting} disabled={disabled} onToggle={toggleDimension} />
        <RulesPanel
          ruleSets={m.rules}
          hasResult={hasResult}
          preview={rulePreview}
          analysisDate={config.analysisDate}
          disabled={disabled}
          onChange={(rules) => onChange((c) => ({ ...c, methods: { ...c.methods, rules } }))}
        />
        <ClvPanel {...panel('clv', m.clv ?? { ...DEFAULTS.clv(), enabled: false })} />
        {/* Unset, needs and habits run whenever the orders have the columns (engine/classify.ts). */}
        <PreferencesPanel {...panel('preferences', m.preferences ?? DEFAULTS.preferences())} on={m.preferences ? m.preferences.enabled : preferenceColumns} hasColumns={preferenceColumns} />
      </Accordion>
      <ConfigErrors errors={errors} />
    </div>
  );
}

/** Settings of every method: the analysis date and what returns do. */
function GeneralSection({ config, disabled, onChange }: Pick<MethodsStepProps, 'config' | 'disabled' | 'onChange'>) {
  const tr = useT();
  const s = useCommonStyles();
  return (
    <section className={s.section} aria-label={tr('methods.general')}>
      <DateField label={tr('methods.analysisDate')} hint={tr('methods.analysisDate.hint')} value={config.analysisDate} disabled={disabled} onCommit={(v) => onChange((c) => ({ ...c, analysisDate: v }))} />
      <ChoiceField
        label={tr('methods.returns')}
        value={config.returns}
        disabled={disabled}
        options={[
          { value: 'net', label: tr('methods.returns.net') },
          { value: 'exclude', label: tr('methods.returns.exclude') },
        ]}
        onChange={(v) => onChange((c) => ({ ...c, returns: v }))}
      />
    </section>
  );
}

function ConfigErrors({ errors }: { errors: { path: string; message: string }[] }) {
  const tr = useT();
  if (errors.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        {tr('methods.errors')}
        <ul style={{ margin: 0, paddingInlineStart: '1.2em' }}>
          {errors.slice(0, 8).map((e, i) => (
            <li key={i}>{tr('methods.errorLine', { path: e.path, message: e.message })}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
