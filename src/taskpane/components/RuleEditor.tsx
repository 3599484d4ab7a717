// Custom rule sets: ordered rules (tier + condition), checked as they are typed. Errors
// are shown at their position; coverage is counted on the last result's customers.
import { Button, Field, Input, Subtitle2, Text, Textarea, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, ArrowDownRegular, ArrowUpRegular, DeleteRegular } from '@fluentui/react-icons';
import type { ColumnTable } from 'arquero';
import { useDeferredValue, useMemo } from 'react';
import type { RuleSetConfig } from '../../config';
import { applyRuleSets, compileRuleSet, fieldsOfTable, type RuleError, type RuleSetReport } from '../../engine/methods/rules';
import { useLocale, useT } from '../i18n';
import { useCommonStyles } from '../styles';

const useStyles = makeStyles({
  rule: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    paddingBlock: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  mark: { backgroundColor: tokens.colorPaletteRedBackground2, color: tokens.colorNeutralForeground1, textDecorationLine: 'underline', textDecorationStyle: 'wavy', textDecorationColor: tokens.colorPaletteRedForeground1 },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  warn: { color: tokens.colorPaletteMarigoldForeground1 },
  iconButton: { minWidth: 0 },
});

export interface RuleEditorProps {
  ruleSets: RuleSetConfig[];
  /** The customer table of the last result: gives the columns rules may use, and coverage. */
  customers: ColumnTable | null;
  analysisDate?: string;
  disabled?: boolean;
  onChange(ruleSets: RuleSetConfig[]): void;
}

interface Checked {
  errors: RuleError[];
  report: RuleSetReport | null;
}

/** The rule text with the error's span marked, so the position is visible, not only described. */
function ErrorSnippet({ text, error }: { text: string; error: RuleError }) {
  const st = useStyles();
  const s = useCommonStyles();
  const start = Math.max(0, Math.min(error.offset, text.length));
  const end = Math.min(text.length, start + Math.max(1, error.length));
  return (
    <pre className={s.mono} aria-hidden="true">
      {text.slice(0, start)}
      <mark className={st.mark}>{text.slice(start, end) || ' '}</mark>
      {text.slice(end)}
    </pre>
  );
}

export function RuleEditor({ ruleSets, customers, analysisDate, disabled, onChange }: RuleEditorProps) {
  const tr = useT();
  const locale = useLocale();
  const s = useCommonStyles();
  const st = useStyles();
  const deferred = useDeferredValue(ruleSets);
  const fields = useMemo(() => (customers ? fieldsOfTable(customers) : null), [customers]);
  const options = useMemo(() => (analysisDate ? { analysisDate: new Date(`${analysisDate}T00:00:00Z`) } : {}), [analysisDate]);

  // Checking is cheap next to typing; counting runs arquero over the customers (deferred).
  const checked: Checked[] = useMemo(
    () =>
      deferred.map((rs) => {
        if (!fields) return { errors: [], report: null };
        const c = compileRuleSet(rs, fields, locale, options);
        if (!c.ok) return { errors: c.errors, report: null };
        if (!customers) return { errors: [], report: null };
        try {
          const applied = applyRuleSets(customers, [rs], locale, options);
          return { errors: [], report: applied.reports[0] ?? null };
        } catch {
          return { errors: [], report: null };
        }
      }),
    [deferred, fields, customers, locale, options],
  );

  const setRs = (i: number, rs: RuleSetConfig) => onChange(ruleSets.map((x, j) => (j === i ? rs : x)));
  const moveRule = (rs: RuleSetConfig, i: number, d: number): RuleSetConfig => {
    const rules = rs.rules.slice();
    const [r] = rules.splice(i, 1);
    rules.splice(i + d, 0, r);
    return { ...rs, rules };
  };

  return (
    <div className={s.stack}>
      {fields ? (
        <Text size={200} className={s.hint}>
          {tr('rules.fields', { fields: fields.map((f) => f.name).join(', ') })}
        </Text>
      ) : (
        <Text size={200} className={s.hint}>
          {tr('rules.runFirst')}
        </Text>
      )}
      {ruleSets.map((rs, i) => {
        const ck = checked[i] ?? { errors: [], report: null };
        const setErrors = ck.errors.filter((e) => e.ruleIndex < 0);
        return (
          <section key={i} className={s.section} aria-label={tr('rules.set.aria', { name: rs.name })}>
            <div className={s.row}>
              <Subtitle2 as="h3" className={s.grow} style={{ margin: 0 }}>
                {tr('rules.set.title', { n: i + 1 })}
              </Subtitle2>
              <Button size="small" appearance="subtle" icon={<DeleteRegular />} disabled={disabled} onClick={() => onChange(ruleSets.filter((_, j) => j !== i))}>
                {tr('rules.set.delete')}
              </Button>
            </div>
            <div className={s.twoCols}>
              <Field label={tr('rules.set.name')}>
                <Input value={rs.name} disabled={disabled} onChange={(_, d) => setRs(i, { ...rs, name: d.value })} style={{ minWidth: 0 }} />
              </Field>
              <Field label={tr('rules.set.otherwise')}>
                <Input value={rs.otherwise} disabled={disabled} onChange={(_, d) => setRs(i, { ...rs, otherwise: d.value })} style={{ minWidth: 0 }} />
              </Field>
            </div>
            {setErrors.map((e, k) => (
              <Text key={k} role="alert" className={s.errorText} size={200}>
                {e.message}
              </Text>
            ))}
            {rs.rules.map((rule, j) => {
              const errs = ck.errors.filter((e) => e.ruleIndex === j);
              const cov = ck.report?.rules.find((r) => r.index === j);
              const errId = `rule-${i}-${j}-err`;
              return (
                <div key={j} className={st.rule}>
                  <div className={s.row}>
                    <Field label={tr('rules.rule.tier', { n: j + 1 })} className={s.grow}>
                      <Input value={rule.tier} disabled={disabled} style={{ minWidth: 0 }} onChange={(_, d) => setRs(i, { ...rs, rules: rs.rules.map((r, k) => (k === j ? { ...r, tier: d.value } : r)) })} />
                    </Field>
                    <Tooltip content={tr('rules.rule.up', { n: j + 1 })} relationship="label">
                      <Button className={st.iconButton} appearance="subtle" icon={<ArrowUpRegular />} disabled={disabled || j === 0} onClick={() => setRs(i, moveRule(rs, j, -1))} />
                    </Tooltip>
                    <Tooltip content={tr('rules.rule.down', { n: j + 1 })} relationship="label">
                      <Button className={st.iconButton} appearance="subtle" icon={<ArrowDownRegular />} disabled={disabled || j === rs.rules.length - 1} onClick={() => setRs(i, moveRule(rs, j, 1))} />
                    </Tooltip>
                    <Tooltip content={tr('rules.rule.delete', { n: j + 1 })} relationship="label">
                      <Button className={st.iconButton} appearance="subtle" icon={<DeleteRegular />} disabled={disabled} onClick={() => setRs(i, { ...rs, rules: rs.rules.filter((_, k) => k !== j) })} />
                    </Tooltip>
                  </div>
                  <Field label={tr('rules.rule.when', { n: j + 1 })} validationState={errs.length ? 'error' : 'none'}>
                    <Textarea
                      value={rule.when}
                      disabled={disabled}
                      resize="vertical"
                      aria-describedby={errs.length ? errId : undefined}
                      aria-invalid={errs.length > 0}
                      textarea={{ className: s.mono, spellCheck: false }}
                      onChange={(_, d) => setRs(i, { ...rs, rules: rs.rules.map((r, k) => (k === j ? { ...r, when: d.value } : r)) })}
                    />
                  </Field>
                  {errs.length > 0 && (
                    <div id={errId}>
                      {errs.map((e, k) => (
                        <div key={k}>
                          <ErrorSnippet text={rule.when} error={e} />
                          <Text role="alert" size={200} className={s.errorText}>
                            {e.message}
                            {e.suggestion ? ` ${tr('rules.didYouMean', { name: e.suggestion })}` : ''}
                          </Text>
                        </div>
                      ))}
                    </div>
                  )}
                  {cov && (
                    <Text size={200} className={cov.neverMatches ? st.warn : st.ok} aria-live="polite">
                      {cov.neverMatches
                        ? tr('rules.coverage.never')
                        : tr('rules.coverage', { matched: cov.matched, ifFirst: cov.matchedIfFirst, total: ck.report?.total ?? 0 })}
                    </Text>
                  )}
                </div>
              );
            })}
            {ck.report && (
              <Text size={200}>{tr('rules.coverage.otherwise', { tier: rs.otherwise, count: ck.report.otherwise, total: ck.report.total })}</Text>
            )}
            <div className={s.row}>
              <Button size="small" icon={<AddRegular />} disabled={disabled || rs.rules.length >= 100} onClick={() => setRs(i, { ...rs, rules: [...rs.rules, { tier: tr('rules.rule.newTier'), when: '' }] })}>
                {tr('rules.rule.add')}
              </Button>
            </div>
          </section>
        );
      })}
      <div className={s.row}>
        <Button
          icon={<AddRegular />}
          disabled={disabled || ruleSets.length >= 20}
          onClick={() =>
            onChange([
              ...ruleSets,
              { name: tr('rules.sample.name', { n: ruleSets.length + 1 }), otherwise: tr('rules.sample.otherwise'), rules: [{ tier: tr('rules.sample.tier'), when: 'revenue > 10000 and orders >= 5' }] },
            ])
          }
        >
          {tr('rules.set.add')}
        </Button>
      </div>
    </div>
  );
}
