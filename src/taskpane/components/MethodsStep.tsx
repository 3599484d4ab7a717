// Step 2: which methods run and with which parameters. Every change edits the one
// TieringConfig; the config's own validation is shown field by field.
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Text,
} from '@fluentui/react-components';
import type { ColumnTable } from 'arquero';
import { useMemo } from 'react';
import {
  AbcSchema,
  ActivitySchema,
  ClvSchema,
  RfmSchema,
  parseConfig,
  type AbcConfig,
  type ActivityConfig,
  type ClvConfig,
  type RfmConfig,
  type TieringConfig,
} from '../../config';
import { defaultSegments } from '../engineBridge';
import { useLocale, useT } from '../i18n';
import { useCommonStyles } from '../styles';
import { ChoiceField, ListField, NumberField, SwitchField } from './fields';
import { RuleEditor } from './RuleEditor';
import { SegmentGrid } from './SegmentGrid';

export interface MethodsStepProps {
  config: TieringConfig;
  /** Headers of the customer source (candidates for dimensions). */
  customerHeaders: string[];
  /** Last result's customer table (rule checking and coverage). */
  customers: ColumnTable | null;
  disabled?: boolean;
  onChange(update: (c: TieringConfig) => TieringConfig): void;
}

type MethodKey = 'abc' | 'rfm' | 'activity' | 'clv';
const DEFAULTS = {
  abc: () => AbcSchema.parse({}),
  rfm: () => RfmSchema.parse({}),
  activity: () => ActivitySchema.parse({}),
  clv: () => ClvSchema.parse({ enabled: true }),
};

/** The config's field errors, in the pane's language. */
export function configErrors(config: TieringConfig, locale: 'zh-CN' | 'en-US' = 'en-US'): { path: string; message: string }[] {
  const r = parseConfig(config, locale);
  return r.ok ? [] : r.errors;
}

export function MethodsStep({ config, customerHeaders, customers, disabled, onChange }: MethodsStepProps) {
  const tr = useT();
  const locale = useLocale();
  const s = useCommonStyles();
  const m = config.methods;
  const errors = useMemo(() => configErrors(config, locale), [config, locale]);

  const isOn = (k: MethodKey) => Boolean(m[k] && m[k]!.enabled);
  const toggle = (k: MethodKey, on: boolean) =>
    onChange((c) => ({ ...c, methods: { ...c.methods, [k]: { ...(c.methods[k] ?? DEFAULTS[k]()), enabled: on } } }));
  const patch = <K extends MethodKey>(k: K, p: Partial<NonNullable<TieringConfig['methods'][K]>>) =>
    onChange((c) => ({ ...c, methods: { ...c.methods, [k]: { ...(c.methods[k] ?? DEFAULTS[k]()), ...p } } }));

  const abc: AbcConfig = m.abc ?? DEFAULTS.abc();
  const rfm: RfmConfig = m.rfm ?? DEFAULTS.rfm();
  const act: ActivityConfig = m.activity ?? DEFAULTS.activity();
  const clv: ClvConfig = m.clv ?? { ...DEFAULTS.clv(), enabled: false };
  const state = (on: boolean) => tr(on ? 'methods.on' : 'methods.off');
  const fraction = (items: string[]) => {
    const xs = items.map(Number);
    if (xs.some((x) => !Number.isFinite(x) || x <= 0 || x >= 1)) return tr('methods.error.fractions');
    if (xs.some((x, i) => i > 0 && x <= xs[i - 1])) return tr('methods.error.increasing');
    return null;
  };
  const dims = customerHeaders;

  return (
    <div className={s.stack}>
      <section className={s.section} aria-label={tr('methods.general')}>
        <Field label={tr('methods.analysisDate')} hint={tr('methods.analysisDate.hint')}>
          <Input
            type="date"
            value={config.analysisDate ?? ''}
            disabled={disabled}
            onChange={(_, d) => onChange((c) => ({ ...c, analysisDate: d.value || undefined }))}
          />
        </Field>
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

      <Accordion multiple collapsible defaultOpenItems={['abc']}>
        <AccordionItem value="abc">
          <AccordionHeader as="h2">{tr('methods.abc')} · {state(isOn('abc'))}</AccordionHeader>
          <AccordionPanel>
            <div className={s.tight}>
              <SwitchField label={tr('methods.use', { method: tr('methods.abc') })} checked={isOn('abc')} disabled={disabled} onChange={(v) => toggle('abc', v)} />
              <Text size={200} className={s.hint}>{tr('methods.abc.hint')}</Text>
              <div className={s.twoCols}>
                <ChoiceField
                  label={tr('methods.abc.basis')}
                  value={abc.basis}
                  disabled={disabled || !isOn('abc')}
                  options={(['revenue', 'profit', 'orders'] as const).map((v) => ({ value: v, label: tr(`methods.basis.${v}`) }))}
                  onChange={(v) => patch('abc', { basis: v })}
                />
                <ChoiceField
                  label={tr('methods.abc.mode')}
                  value={abc.mode}
                  disabled={disabled || !isOn('abc')}
                  options={(['customer-share', 'value-share'] as const).map((v) => ({ value: v, label: tr(`methods.abc.mode.${v}`) }))}
                  onChange={(v) => patch('abc', { mode: v })}
                />
              </div>
              <ListField
                label={tr('methods.abc.cuts')}
                placeholder={abc.mode === 'value-share' ? '0.8, 0.95' : '0.2, 0.5'}
                hint={tr('methods.abc.cuts.hint')}
                value={abc.cuts?.map(String)}
                disabled={disabled || !isOn('abc')}
                validate={fraction}
                onCommit={(items) => patch('abc', { cuts: items?.map(Number) })}
              />
              <ListField
                label={tr('methods.abc.labels')}
                placeholder="A, B, C"
                value={abc.labels}
                disabled={disabled || !isOn('abc')}
                validate={(items) => (items.length !== (abc.cuts?.length ?? 2) + 1 ? tr('methods.abc.labels.count', { n: (abc.cuts?.length ?? 2) + 1 }) : null)}
                onCommit={(items) => patch('abc', { labels: items })}
              />
            </div>
          </AccordionPanel>
        </AccordionItem>

        <AccordionItem value="rfm">
          <AccordionHeader as="h2">{tr('methods.rfm')} · {state(isOn('rfm'))}</AccordionHeader>
          <AccordionPanel>
            <div className={s.tight}>
              <SwitchField label={tr('methods.use', { method: tr('methods.rfm') })} checked={isOn('rfm')} disabled={disabled} onChange={(v) => toggle('rfm', v)} />
              <Text size={200} className={s.hint}>{tr('methods.rfm.hint')}</Text>
              <div className={s.twoCols}>
                <ChoiceField
                  label={tr('methods.rfm.bins')}
                  value={rfm.bins}
                  disabled={disabled || !isOn('rfm')}
                  options={[3, 4, 5].map((v) => ({ value: v, label: String(v) }))}
                  onChange={(v) => patch('rfm', { bins: v })}
                />
                <ChoiceField
                  label={tr('methods.rfm.scoring')}
                  value={rfm.scoring}
                  disabled={disabled || !isOn('rfm')}
                  options={(['quantile', 'quantile-inclusive', 'rank', 'fixed'] as const).map((v) => ({ value: v, label: tr(`methods.rfm.scoring.${v}`) }))}
                  onChange={(v) => patch('rfm', { scoring: v })}
                />
                <ChoiceField
                  label={tr('methods.rfm.best')}
                  value={rfm.best}
                  disabled={disabled || !isOn('rfm')}
                  options={(['high', 'low'] as const).map((v) => ({ value: v, label: tr(`methods.rfm.best.${v}`) }))}
                  onChange={(v) => patch('rfm', { best: v })}
                />
                <ChoiceField
                  label={tr('methods.rfm.monetary')}
                  value={rfm.monetary}
                  disabled={disabled || !isOn('rfm')}
                  options={(['revenue', 'profit'] as const).map((v) => ({ value: v, label: tr(`methods.basis.${v}`) }))}
                  onChange={(v) => patch('rfm', { monetary: v })}
                />
              </div>
              {rfm.scoring === 'fixed' && (
                <>
                  {(['recency', 'frequency', 'monetary'] as const).map((k) => (
                    <ListField
                      key={k}
                      label={tr(`methods.rfm.thresholds.${k}`)}
                      placeholder={tr('methods.rfm.thresholds.placeholder', { n: rfm.bins - 1 })}
                      value={rfm.thresholds?.[k].map(String)}
                      disabled={disabled || !isOn('rfm')}
                      validate={(items) => (items.some((x) => !Number.isFinite(Number(x))) ? tr('field.error.number') : null)}
                      onCommit={(items) =>
                        patch('rfm', {
                          thresholds: { recency: [], frequency: [], monetary: [], ...rfm.thresholds, [k]: (items ?? []).map(Number) },
                        })
                      }
                    />
                  ))}
                </>
              )}
              {rfm.segments ? (
                <>
                  <SegmentGrid segments={rfm.segments} bins={rfm.bins} disabled={disabled || !isOn('rfm')} onChange={(segments) => patch('rfm', { segments })} />
                  <div className={s.row}>
                    <Button size="small" appearance="subtle" disabled={disabled || !isOn('rfm')} onClick={() => patch('rfm', { segments: undefined })}>
                      {tr('rfm.segments.reset')}
                    </Button>
                  </div>
                </>
              ) : (
                <div className={s.row}>
                  <Text size={200} className={s.hint}>{tr('rfm.segments.default')}</Text>
                  <Button size="small" disabled={disabled || !isOn('rfm')} onClick={() => patch('rfm', { segments: defaultSegments(rfm.bins) })}>
                    {tr('rfm.segments.edit')}
                  </Button>
                </div>
              )}
            </div>
          </AccordionPanel>
        </AccordionItem>

        <AccordionItem value="activity">
          <AccordionHeader as="h2">{tr('methods.activity')} · {state(isOn('activity'))}</AccordionHeader>
          <AccordionPanel>
            <div className={s.tight}>
              <SwitchField label={tr('methods.use', { method: tr('methods.activity') })} checked={isOn('activity')} disabled={disabled} onChange={(v) => toggle('activity', v)} />
              <Text size={200} className={s.hint}>{tr('methods.activity.hint')}</Text>
              <div className={s.twoCols}>
                <NumberField label={tr('methods.activity.activeDays')} integer min={1} value={act.activeDays} disabled={disabled || !isOn('activity')} onCommit={(v) => patch('activity', { activeDays: v })} />
                <NumberField label={tr('methods.activity.silentDays')} integer min={1} value={act.silentDays} disabled={disabled || !isOn('activity')} onCommit={(v) => patch('activity', { silentDays: v })} />
                <NumberField label={tr('methods.activity.newDays')} integer min={1} value={act.newDays} disabled={disabled || !isOn('activity')} onCommit={(v) => patch('activity', { newDays: v })} />
              </div>
              <Text weight="semibold">{tr('methods.frequency')}</Text>
              <div className={s.twoCols}>
                <NumberField label={tr('methods.frequency.perWeek')} min={0} exclusive value={act.frequency.perWeek} disabled={disabled || !isOn('activity')} onCommit={(v) => patch('activity', { frequency: { ...act.frequency, perWeek: v } })} />
                <NumberField label={tr('methods.frequency.perMonth')} min={0} exclusive value={act.frequency.perMonth} disabled={disabled || !isOn('activity')} onCommit={(v) => patch('activity', { frequency: { ...act.frequency, perMonth: v } })} />
              </div>
              <Text weight="semibold">{tr('methods.spend')}</Text>
              <div className={s.twoCols}>
                <NumberField label={tr('methods.spend.high')} min={0} max={1} exclusive step={0.05} value={act.spend.highQuantile} disabled={disabled || !isOn('activity')} onCommit={(v) => patch('activity', { spend: { ...act.spend, highQuantile: v } })} />
                <NumberField label={tr('methods.spend.low')} min={0} max={1} exclusive step={0.05} value={act.spend.lowQuantile} disabled={disabled || !isOn('activity')} onCommit={(v) => patch('activity', { spend: { ...act.spend, lowQuantile: v } })} />
              </div>
              <Text weight="semibold">{tr('methods.churn')}</Text>
              <Text size={200} className={s.hint}>{tr('methods.churn.hint')}</Text>
              <div className={s.twoCols}>
                <NumberField label={tr('methods.churn.gapRatio')} min={1} exclusive step={0.5} value={act.churn.gapRatio} disabled={disabled || !isOn('activity')} onCommit={(v) => patch('activity', { churn: { ...act.churn, gapRatio: v } })} />
                <NumberField label={tr('methods.churn.rateDrop')} min={0} max={1} exclusive step={0.05} value={act.churn.rateDrop} disabled={disabled || !isOn('activity')} onCommit={(v) => patch('activity', { churn: { ...act.churn, rateDrop: v } })} />
                <NumberField label={tr('methods.churn.windowDays')} integer min={1} value={act.churn.windowDays} disabled={disabled || !isOn('activity')} onCommit={(v) => patch('activity', { churn: { ...act.churn, windowDays: v } })} />
                <NumberField label={tr('methods.churn.minOrders')} integer min={2} value={act.churn.minOrders} disabled={disabled || !isOn('activity')} onCommit={(v) => patch('activity', { churn: { ...act.churn, minOrders: v } })} />
              </div>
            </div>
          </AccordionPanel>
        </AccordionItem>

        <AccordionItem value="dimensions">
          <AccordionHeader as="h2">{tr('methods.dimensions')} · {config.methods.dimensions.length}</AccordionHeader>
          <AccordionPanel>
            <div className={s.tight}>
              <Text size={200} className={s.hint}>{tr('methods.dimensions.hint')}</Text>
              {dims.length === 0 ? (
                <Text size={200}>{tr('methods.dimensions.none')}</Text>
              ) : (
                <div role="group" aria-label={tr('methods.dimensions')} className={s.twoCols}>
                  {dims.map((h) => (
                    <Checkbox
                      key={h}
                      label={h}
                      disabled={disabled}
                      checked={config.methods.dimensions.includes(h)}
                      onChange={(_, d) =>
                        onChange((c) => ({
                          ...c,
                          methods: {
                            ...c.methods,
                            dimensions: d.checked ? [...c.methods.dimensions, h].slice(0, 20) : c.methods.dimensions.filter((x) => x !== h),
                          },
                        }))
                      }
                    />
                  ))}
                </div>
              )}
            </div>
          </AccordionPanel>
        </AccordionItem>

        <AccordionItem value="rules">
          <AccordionHeader as="h2">{tr('methods.rules')} · {config.methods.rules.length}</AccordionHeader>
          <AccordionPanel>
            <RuleEditor
              ruleSets={config.methods.rules}
              customers={customers}
              analysisDate={config.analysisDate}
              disabled={disabled}
              onChange={(rules) => onChange((c) => ({ ...c, methods: { ...c.methods, rules } }))}
            />
          </AccordionPanel>
        </AccordionItem>

        <AccordionItem value="clv">
          <AccordionHeader as="h2">{tr('methods.clv')} · {state(isOn('clv'))}</AccordionHeader>
          <AccordionPanel>
            <div className={s.tight}>
              <SwitchField label={tr('methods.use', { method: tr('methods.clv') })} checked={isOn('clv')} disabled={disabled} onChange={(v) => toggle('clv', v)} />
              <Text size={200} className={s.hint}>{tr('methods.clv.hint')}</Text>
              <div className={s.twoCols}>
                <ChoiceField
                  label={tr('methods.clv.timeUnit')}
                  value={clv.timeUnit}
                  disabled={disabled || !isOn('clv')}
                  options={(['day', 'week', 'month'] as const).map((v) => ({ value: v, label: tr(`methods.clv.unit.${v}`) }))}
                  onChange={(v) => patch('clv', { timeUnit: v })}
                />
                <NumberField label={tr('methods.clv.horizon')} integer min={1} max={120} value={clv.horizonMonths} disabled={disabled || !isOn('clv')} onCommit={(v) => patch('clv', { horizonMonths: v })} />
                <NumberField label={tr('methods.clv.discount')} min={0} max={1} step={0.005} value={clv.discountRate} disabled={disabled || !isOn('clv')} onCommit={(v) => patch('clv', { discountRate: v })} />
                <NumberField label={tr('methods.clv.margin')} min={0} max={1} step={0.05} value={clv.margin} disabled={disabled || !isOn('clv')} onCommit={(v) => patch('clv', { margin: v })} />
              </div>
              <ListField
                label={tr('methods.clv.tierCuts')}
                placeholder="0.2, 0.5"
                value={clv.tierCuts.map(String)}
                disabled={disabled || !isOn('clv')}
                validate={fraction}
                onCommit={(items) => patch('clv', { tierCuts: items ? items.map(Number) : [0.2, 0.5] })}
              />
            </div>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>

      {errors.length > 0 && (
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
      )}
    </div>
  );
}
