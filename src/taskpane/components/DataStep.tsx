// Step 1: where the customers and the orders are, how their columns map, what is wrong in them.
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, MessageBar, MessageBarBody, Subtitle2, Text } from '@fluentui/react-components';
import type { RangeRef } from '../../config';
import type { DataIssue } from '../../engine/types';
import type { SheetInfo, TableInfo } from '../../workbook/port';
import { formatNumber, useLocale, useT } from '../i18n';
import { refLabel } from '../ranges';
import type { LoadedSource, SourceKind } from '../state';
import { useCommonStyles } from '../styles';
import { FactsSection, type FactsSectionProps } from './FactsSection';
import { IssuesList } from './IssuesList';
import { MappingEditor } from './MappingEditor';
import { PreviewTable } from './PreviewTable';
import { SourcePicker } from './SourcePicker';

export interface DataStepProps {
  /** The workbook's sheets and tables to choose from (the controller lists them). */
  sheets: SheetInfo[];
  tables: TableInfo[];
  /** Listing the sheets and tables failed (the lists may be out of date). */
  listFailed: boolean;
  sources: Partial<Record<SourceKind, LoadedSource>>;
  refs: Partial<Record<SourceKind, RangeRef>>;
  errors: Partial<Record<SourceKind, string>>;
  mapping: Record<SourceKind, Record<string, string>>;
  corrected: Record<SourceKind, Record<string, string | undefined>>;
  issues: DataIssue[] | null;
  issuesTotal?: number;
  busy: boolean;
  onReloadList(): void;
  onPick(kind: SourceKind, ref: RangeRef): void;
  onUseSelection(kind: SourceKind): void;
  onClear(kind: SourceKind): void;
  onMap(kind: SourceKind, key: string, header: string): void;
  onSelectCell(sheet: string, address: string): void;
  /** The customer facts source (instead of orders); absent: not offered. */
  facts?: Omit<FactsSectionProps, 'sheets' | 'tables' | 'busy'>;
}

const PREVIEW_ROWS = 5;

export function DataStep(props: DataStepProps) {
  const tr = useT();
  const s = useCommonStyles();
  return (
    <div className={s.stack}>
      {props.listFailed && (
        <MessageBar intent="warning">
          <MessageBarBody>{tr('data.error.list')}</MessageBarBody>
        </MessageBar>
      )}
      {(['customers', 'orders'] as const).map((kind) => (
        <SourceSection key={kind} kind={kind} {...props} />
      ))}
      {props.facts && <FactsSection {...props.facts} sheets={props.sheets} tables={props.tables} busy={props.busy} />}
      <Button appearance="subtle" size="small" onClick={props.onReloadList} disabled={props.busy}>
        {tr('data.reloadList')}
      </Button>
    </div>
  );
}

/** One source: where it is, what was read, its column mapping, first rows and data issues. */
function SourceSection({ kind, ...props }: DataStepProps & { kind: SourceKind }) {
  const tr = useT();
  const locale = useLocale();
  const s = useCommonStyles();
  const src = props.sources[kind];
  const err = props.errors[kind];
  return (
    <section className={s.section} aria-labelledby={`src-${kind}`}>
      <Subtitle2 as="h2" id={`src-${kind}`} style={{ margin: 0 }}>
        {tr(`data.${kind}.title`)}
      </Subtitle2>
      <Text size={200} className={s.hint}>
        {tr(`data.${kind}.hint`)}
      </Text>
      <SourcePicker
        kind={kind}
        current={props.refs[kind]}
        sheets={props.sheets}
        tables={props.tables}
        disabled={props.busy}
        onPick={(ref) => props.onPick(kind, ref)}
        onUseSelection={() => props.onUseSelection(kind)}
        onClear={() => props.onClear(kind)}
        loaded={
          src
            ? tr('data.loaded', {
                ref: src.ref.kind === 'sheet' ? `${src.read.sheet}!${src.read.address}` : `${refLabel(src.ref)} (${src.read.sheet}!${src.read.address})`,
                rows: formatNumber(locale, Math.max(0, src.read.values.length - 1)),
                columns: src.headers.length,
              })
            : undefined
        }
      />
      {err && (
        <MessageBar intent="error">
          <MessageBarBody>{err}</MessageBarBody>
        </MessageBar>
      )}
      {src && <SourceDetails kind={kind} src={src} {...props} />}
    </section>
  );
}

function SourceDetails({ kind, src, ...props }: DataStepProps & { kind: SourceKind; src: LoadedSource }) {
  const tr = useT();
  const s = useCommonStyles();
  const issues = props.issues?.filter((i) => i.table === kind) ?? null;
  return (
    <Accordion multiple collapsible defaultOpenItems={['mapping']}>
      <AccordionItem value="mapping">
        <AccordionHeader size="small">{tr('data.mapping')}</AccordionHeader>
        <AccordionPanel>
          <MappingEditor
            kind={kind}
            headers={src.headers}
            mapping={props.mapping[kind]}
            corrected={props.corrected[kind]}
            disabled={props.busy}
            onChange={(key, header) => props.onMap(kind, key, header)}
          />
        </AccordionPanel>
      </AccordionItem>
      <AccordionItem value="preview">
        <AccordionHeader size="small">{tr('data.preview')}</AccordionHeader>
        <AccordionPanel>
          <PreviewTable headers={src.headers} rows={src.read.values.slice(1, 1 + PREVIEW_ROWS)} caption={tr(`data.${kind}.title`)} />
        </AccordionPanel>
      </AccordionItem>
      <AccordionItem value="issues">
        <AccordionHeader size="small">{issues ? tr('data.issues.count', { count: issues.length }) : tr('data.issues')}</AccordionHeader>
        <AccordionPanel>
          {issues ? (
            <IssuesList issues={issues} onSelect={props.onSelectCell} />
          ) : (
            <Text size={200} className={s.hint}>
              {tr('data.issues.afterRun')}
            </Text>
          )}
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
