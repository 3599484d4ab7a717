// The customer facts source in the data step: where the facts are, what reading them found
// (each problem with its sheet and cell, in the pane's language), and how to get them.
import { MessageBar, MessageBarBody, Subtitle2, Text } from '@fluentui/react-components';
import type { RangeRef } from '../../config';
import { factsProblemText } from '../../engine/factsTable';
import type { SheetInfo, TableInfo } from '../../workbook/port';
import { formatNumber, useLocale, useT } from '../i18n';
import type { FactsSource } from '../state';
import { useCommonStyles } from '../styles';
import { SourcePicker } from './SourcePicker';

export interface FactsSectionProps {
  facts: FactsSource | null;
  sheets: SheetInfo[];
  tables: TableInfo[];
  busy: boolean;
  onPick(ref: RangeRef): void;
  onUseSelection(): void;
  onClear(): void;
}

/** Problems listed before "… and N more". */
const SHOWN = 8;

export function FactsSection({ facts, sheets, tables, busy, onPick, onUseSelection, onClear }: FactsSectionProps) {
  const tr = useT();
  const locale = useLocale();
  const s = useCommonStyles();
  const problems = facts?.problems ?? [];
  const ok = facts && !facts.error && problems.length === 0 && facts.customers !== undefined;
  return (
    <section className={s.section} aria-labelledby="src-facts">
      <Subtitle2 as="h2" id="src-facts" style={{ margin: 0 }}>
        {tr('data.facts.title')}
      </Subtitle2>
      <Text size={200} className={s.hint}>
        {tr('data.facts.hint')}
      </Text>
      <SourcePicker
        kind="facts"
        current={facts?.ref}
        sheets={sheets}
        tables={tables}
        disabled={busy}
        onPick={onPick}
        onUseSelection={onUseSelection}
        onClear={onClear}
        loaded={ok ? `${facts.where} · ${tr('data.facts.loaded', { customers: formatNumber(locale, facts.customers!), date: facts.analysisDate! })}` : undefined}
      />
      {facts?.error && (
        <MessageBar intent="error">
          <MessageBarBody>{facts.error}</MessageBarBody>
        </MessageBar>
      )}
      {problems.length > 0 && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <ul style={{ margin: 0, paddingInlineStart: '1.2em' }} aria-label={tr('data.facts.title')}>
              {problems.slice(0, SHOWN).map((p, i) => (
                <li key={i}>{factsProblemText(p, locale)}</li>
              ))}
              {problems.length > SHOWN && <li>{tr('data.facts.more', { count: problems.length - SHOWN })}</li>}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {!ok && (
        <Text size={200} className={s.hint}>
          {tr('data.facts.howTo')}
        </Text>
      )}
    </section>
  );
}
