// Custom rule sets: ordered rules (tier + condition), checked as they are typed. Errors
// are shown at their position; coverage is counted on the last result's customers by the
// engine worker (the controller's useRulePreview) and arrives here as `preview`.
import { Button, Field, Input, Subtitle2, Text, Textarea, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, ArrowDownRegular, ArrowUpRegular, DeleteRegular } from '@fluentui/react-icons';
import { useMemo } from 'react';
import type { RuleSetConfig } from '../../config';
import { compileRuleSet, type RuleError, type RuleSetReport } from '../../engine/methods/rules';
import { useLocale, useT } from '../i18n';
import { useCommonStyles } from '../styles';
import { ruleOptions, type RulePreview } from '../worker/rulePreview';

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
  /** Whether there is a result to check and count rules against. */
  hasResult: boolean;
  /** The worker's fields and counts for the last result; null until they arrive. */
  preview: RulePreview | null;
  analysisDate?: string;
  disabled?: boolean;
  onChange(ruleSets: RuleSetConfig[]): void;
}

type Rule = RuleSetConfig['rules'][number];

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

function moveRule(rs: RuleSetConfig, i: number, d: number): RuleSetConfig {
  const rules = rs.rules.slice();
  const [r] = rules.splice(i, 1);
  rules.splice(i + d, 0, r);
  return { ...rs, rules };
}

export function RuleEditor({ ruleSets, hasResult, preview, analysisDate, disabled, onChange }: RuleEditorProps) {
  const tr = useT();
  const locale = useLocale();
  const s = useCommonStyles();
  const fields = preview?.fields ?? null;

  // Parsing and type-checking against the fields is cheap next to typing: done here, at once.
  const errors: RuleError[][] = useMemo(() => {
    if (!fields) return ruleSets.map(() => []);
    const options = ruleOptions(analysisDate);
    return ruleSets.map((rs) => {
      const c = compileRuleSet(rs, fields, locale, options);
      return c.ok ? [] : c.errors;
    });
  }, [ruleSets, fields, locale, analysisDate]);

  const setRs = (i: number, rs: RuleSetConfig) => onChange(ruleSets.map((x, j) => (j === i ? rs : x)));
  const addSet = () =>
    onChange([
      ...ruleSets,
      { name: tr('rules.sample.name', { n: ruleSets.length + 1 }), otherwise: tr('rules.sample.otherwise'), rules: [{ tier: tr('rules.sample.tier'), when: 'revenue > 10000 and orders >= 5' }] },
    ]);

  return (
    <div className={s.stack}>
      {(fields || !hasResult) && (
        <Text size={200} className={s.hint}>
          {fields ? tr('rules.fields', { fields: fields.map((f) => f.name) }) : tr('rules.runFirst')}
        </Text>
      )}
      {ruleSets.map((rs, i) => (
        <RuleSetSection
          key={i}
          index={i}
          ruleSet={rs}
          errors={errors[i] ?? []}
          // A set with errors has no counts (they would be of its previous text).
          report={errors[i]?.length ? null : (preview?.reports[i] ?? null)}
          disabled={disabled}
          onChange={(x) => setRs(i, x)}
          onDelete={() => onChange(ruleSets.filter((_, j) => j !== i))}
        />
      ))}
      <div className={s.row}>
        <Button icon={<AddRegular />} disabled={disabled || ruleSets.length >= 20} onClick={addSet}>
          {tr('rules.set.add')}
        </Button>
      </div>
    </div>
  );
}

interface RuleSetSectionProps {
  index: number;
  ruleSet: RuleSetConfig;
  errors: RuleError[];
  report: RuleSetReport | null;
  disabled?: boolean;
  onChange(rs: RuleSetConfig): void;
  onDelete(): void;
}

function RuleSetSection({ index: i, ruleSet: rs, errors, report, disabled, onChange, onDelete }: RuleSetSectionProps) {
  const tr = useT();
  const s = useCommonStyles();
  const setErrors = errors.filter((e) => e.ruleIndex < 0);
  const setRule = (j: number, rule: Rule) => onChange({ ...rs, rules: rs.rules.map((r, k) => (k === j ? rule : r)) });
  return (
    <section className={s.section} aria-label={tr('rules.set.aria', { name: rs.name })}>
      <div className={s.row}>
        <Subtitle2 as="h3" className={s.grow} style={{ margin: 0 }}>
          {tr('rules.set.title', { n: i + 1 })}
        </Subtitle2>
        <Button size="small" appearance="subtle" icon={<DeleteRegular />} disabled={disabled} onClick={onDelete}>
          {tr('rules.set.delete')}
        </Button>
      </div>
      <div className={s.twoCols}>
        <Field label={tr('rules.set.name')}>
          <Input value={rs.name} disabled={disabled} onChange={(_, d) => onChange({ ...rs, name: d.value })} style={{ minWidth: 0 }} />
        </Field>
        <Field label={tr('rules.set.otherwise')}>
          <Input value={rs.otherwise} disabled={disabled} onChange={(_, d) => onChange({ ...rs, otherwise: d.value })} style={{ minWidth: 0 }} />
        </Field>
      </div>
      {setErrors.map((e, k) => (
        <Text key={k} role="alert" className={s.errorText} size={200}>
          {e.message}
        </Text>
      ))}
      {rs.rules.map((rule, j) => (
        <RuleRow
          key={j}
          id={`rule-${i}-${j}`}
          index={j}
          count={rs.rules.length}
          rule={rule}
          errors={errors.filter((e) => e.ruleIndex === j)}
          coverage={report?.rules.find((r) => r.index === j) ?? null}
          total={report?.total ?? 0}
          disabled={disabled}
          onChange={(r) => setRule(j, r)}
          onMove={(d) => onChange(moveRule(rs, j, d))}
          onDelete={() => onChange({ ...rs, rules: rs.rules.filter((_, k) => k !== j) })}
        />
      ))}
      {report && <Text size={200}>{tr('rules.coverage.otherwise', { tier: rs.otherwise, count: report.otherwise, total: report.total })}</Text>}
      <div className={s.row}>
        <Button size="small" icon={<AddRegular />} disabled={disabled || rs.rules.length >= 100} onClick={() => onChange({ ...rs, rules: [...rs.rules, { tier: tr('rules.rule.newTier'), when: '' }] })}>
          {tr('rules.rule.add')}
        </Button>
      </div>
    </section>
  );
}

interface RuleRowProps {
  /** Prefix of the row's element ids. */
  id: string;
  index: number;
  /** Rules in the set. */
  count: number;
  rule: Rule;
  errors: RuleError[];
  coverage: RuleSetReport['rules'][number] | null;
  total: number;
  disabled?: boolean;
  onChange(rule: Rule): void;
  onMove(d: -1 | 1): void;
  onDelete(): void;
}

function RuleRow({ id, index: j, count, rule, errors: errs, coverage: cov, total, disabled, onChange, onMove, onDelete }: RuleRowProps) {
  const tr = useT();
  const s = useCommonStyles();
  const st = useStyles();
  const errId = `${id}-err`;
  return (
    <div className={st.rule}>
      <div className={s.row}>
        <Field label={tr('rules.rule.tier', { n: j + 1 })} className={s.grow}>
          <Input value={rule.tier} disabled={disabled} style={{ minWidth: 0 }} onChange={(_, d) => onChange({ ...rule, tier: d.value })} />
        </Field>
        <Tooltip content={tr('rules.rule.up', { n: j + 1 })} relationship="label">
          <Button className={st.iconButton} appearance="subtle" icon={<ArrowUpRegular />} disabled={disabled || j === 0} onClick={() => onMove(-1)} />
        </Tooltip>
        <Tooltip content={tr('rules.rule.down', { n: j + 1 })} relationship="label">
          <Button className={st.iconButton} appearance="subtle" icon={<ArrowDownRegular />} disabled={disabled || j === count - 1} onClick={() => onMove(1)} />
        </Tooltip>
        <Tooltip content={tr('rules.rule.delete', { n: j + 1 })} relationship="label">
          <Button className={st.iconButton} appearance="subtle" icon={<DeleteRegular />} disabled={disabled} onClick={onDelete} />
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
          onChange={(_, d) => onChange({ ...rule, when: d.value })}
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
          {cov.neverMatches ? tr('rules.coverage.never') : tr('rules.coverage', { matched: cov.matched, ifFirst: cov.matchedIfFirst, total })}
        </Text>
      )}
    </div>
  );
}
