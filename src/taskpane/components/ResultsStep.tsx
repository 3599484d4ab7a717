// Steps 3–4: what the run found (tiers with counts and shares, cut points, migration) and
// what to do with it: write to the workbook, refresh from the saved config, remove, check.
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, DeleteRegular, ShieldTaskRegular } from '@fluentui/react-icons';
import type { Migration } from '../../engine/history';
import type { ClassificationResult, MethodSummary } from '../../engine/types';
import type { ClvReport } from '../../engine/methods/clv';
import type { TieringConfig } from '../../config';
import { formatNumber, formatPercent, methodLabel, ruleNames, tierLabel, useLocale, useT, useTryT } from '../i18n';
import type { Locale, MessageKey } from '../../i18n';
import type { CheckReport } from '../../workbook/check';
import { CheckReportView } from './CheckReportView';
import { CutPoints } from './CutPoints';
import { CampaignExport, TierActionEditor, type CampaignExportProps, type PaneTierAction } from './Playbook';
import { useCommonStyles } from '../styles';

const useStyles = makeStyles({
  bar: { height: '6px', borderRadius: tokens.borderRadiusSmall, backgroundColor: tokens.colorBrandBackground, minWidth: '1px' },
  track: { backgroundColor: tokens.colorNeutralBackground4, borderRadius: tokens.borderRadiusSmall, width: '100%' },
  kv: { display: 'grid', gridTemplateColumns: 'auto minmax(0, 1fr)', columnGap: tokens.spacingHorizontalS, rowGap: '2px', fontSize: tokens.fontSizeBase200, margin: 0 },
  dd: { margin: 0, overflowWrap: 'anywhere' },
  dt: { color: tokens.colorNeutralForeground3 },
  diag: { backgroundColor: tokens.colorNeutralBackground3, fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  // Tier names break between words only (keep-all keeps 重要价值客户 whole).
  name: { wordBreak: 'keep-all', overflowWrap: 'normal' },
  head: { lineHeight: tokens.lineHeightBase200, verticalAlign: 'bottom', wordBreak: 'keep-all' },
  tiers: {
    tableLayout: 'auto',
    width: '100%',
    fontSize: tokens.fontSizeBase200,
    '& th, & td': { paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS, fontSize: tokens.fontSizeBase200 },
    '& .fui-TableHeaderCell__button': { paddingLeft: 0, paddingRight: 0 },
  },
});

export interface ResultsStepProps {
  result: ClassificationResult | null;
  migrations: Migration[];
  config: TieringConfig;
  busy: boolean;
  onOutputs(update: (o: TieringConfig['output']) => TieringConfig['output']): void;
  onRefresh(): void;
  onRemove(): void;
  /** "Check this workbook": what a refresh and a remove would touch (writes nothing). */
  onCheck(): void;
  /** The last check's report, shown under the actions until closed. */
  check?: CheckReport | null;
  onCloseCheck?(): void;
  /** The playbook (an action per tier), when the config has one: shown and edited per method. */
  playbook?: PlaybookBinding;
  /** Campaign-list export, when available: how many customers a selection holds, and the export. */
  campaign?: Pick<CampaignExportProps, 'countOf' | 'describe' | 'onExport'>;
}

/** How the results step reads and edits the playbook (see Playbook.tsx for the wiring). */
export interface PlaybookBinding {
  actions(method: string): Record<string, PaneTierAction | undefined>;
  /** The default playbook's play of each tier (the pane's language). */
  defaults?(method: string, tiers: readonly string[]): Record<string, PaneTierAction | undefined>;
  onChange(method: string, actions: Record<string, PaneTierAction>): void;
}

/** A method's display name; rule sets by the name the user gave them. */
export function methodName(locale: Locale, method: string, config?: TieringConfig): string {
  return methodLabel(locale, method, config ? ruleNames(config) : {});
}

function TierTable({ summary, config }: { summary: MethodSummary; config: TieringConfig }) {
  const tr = useT();
  const locale = useLocale();
  const s = useCommonStyles();
  const st = useStyles();
  return (
    // Automatic layout: the name column is at least as wide as the longest word of a tier name
    // (keep-all: 重要价值客户 is one word), so names wrap between words only, at 320 px too.
    <Table size="extra-small" aria-label={tr('results.tiers.aria', { method: methodName(locale, summary.method, config) })} className={st.tiers}>
      <TableHeader>
        <TableRow>
          {/* The summary sheet's own column names: the pane and the workbook use one vocabulary. */}
          <TableHeaderCell>{tr('out.tiers.tier')}</TableHeaderCell>
          <TableHeaderCell className={mergeClasses(s.num, st.head)}>
            {tr('out.tiers.customers')}
          </TableHeaderCell>
          <TableHeaderCell className={mergeClasses(s.num, st.head)}>
            {tr('out.tiers.share')}
          </TableHeaderCell>
          <TableHeaderCell className={mergeClasses(s.num, st.head)}>
            {tr('out.tiers.revenueShare')}
          </TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {summary.tiers.map((t) => (
          <TableRow key={t.tier}>
            <TableCell>
              <div style={{ display: 'flex', flexDirection: 'column', gap: 2, minWidth: 0 }}>
                <Text size={200} className={st.name} data-tier-name="">
                  {tierLabel(locale, summary.method, t.tier)}
                </Text>
                <div className={st.track} aria-hidden="true">
                  <div className={st.bar} style={{ width: `${Math.round(t.share * 100)}%` }} />
                </div>
              </div>
            </TableCell>
            <TableCell className={s.num}>{formatNumber(locale, t.customers)}</TableCell>
            <TableCell className={s.num}>{formatPercent(locale, t.share)}</TableCell>
            <TableCell className={s.num}>{formatPercent(locale, t.revenueShare)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function MigrationTable({ m, config }: { m: Migration; config: TieringConfig }) {
  const tr = useT();
  const locale = useLocale();
  const s = useCommonStyles();
  const st = useStyles();
  return (
    <div className={s.tight}>
      <Text size={200}>{tr('results.migration.caption', { from: m.from, to: m.to, entered: m.entered, left: m.left })}</Text>
      <div className={s.scrollX} tabIndex={0} role="region" aria-label={tr('results.migration.aria', { method: methodName(locale, m.method, config) })}>
        <Table size="extra-small" className={s.smallTable} aria-label={tr('results.migration.aria', { method: methodName(locale, m.method, config) })} style={{ width: 'auto' }}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{tr('results.migration.corner')}</TableHeaderCell>
              {m.toTiers.map((t) => (
                <TableHeaderCell key={t}>{tierLabel(locale, m.method, t)}</TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {m.fromTiers.map((f, i) => (
              <TableRow key={f}>
                <TableHeaderCell scope="row">{tierLabel(locale, m.method, f)}</TableHeaderCell>
                {m.toTiers.map((t, j) => (
                  <TableCell key={t} className={mergeClasses(s.num, f === t && st.diag)}>
                    {formatNumber(locale, m.counts[i][j])}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}

export function ResultsStep({ result, migrations, config, busy, onOutputs, onRefresh, onRemove, onCheck, check, onCloseCheck, playbook, campaign }: ResultsStepProps) {
  const tr = useT();
  const locale = useLocale();
  const s = useCommonStyles();
  return (
    <div className={s.stack}>
      {!result ? (
        <Text className={s.hint}>{tr('results.none')}</Text>
      ) : (
        <>
          <Overview result={result} />
          <Accordion multiple collapsible defaultOpenItems={result.summaries.slice(0, 2).map((x) => x.method)}>
            {result.summaries.map((sum) => {
              const mig = migrations.find((m) => m.method === sum.method);
              return (
                <AccordionItem key={sum.method} value={sum.method}>
                  <AccordionHeader as="h2">{methodName(locale, sum.method, config)}</AccordionHeader>
                  <AccordionPanel>
                    <div className={s.tight}>
                      <TierTable summary={sum} config={config} />
                      <CutPoints method={sum.method} cuts={result.cuts} />
                      {mig ? <MigrationTable m={mig} config={config} /> : <Text size={200} className={s.hint}>{tr('results.migration.none')}</Text>}
                    </div>
                  </AccordionPanel>
                </AccordionItem>
              );
            })}
          </Accordion>
          {playbook && <PlaybookSection result={result} config={config} busy={busy} playbook={playbook} />}
        </>
      )}
      <Outputs result={result} config={config} busy={busy} onOutputs={onOutputs} onRefresh={onRefresh} onRemove={onRemove} onCheck={onCheck} />
      {result && campaign && (
        <CampaignExport
          methods={result.summaries.map((x) => ({ method: x.method, name: methodName(locale, x.method, config), tiers: x.tiers.map((t) => ({ tier: t.tier, customers: t.customers })) }))}
          countOf={campaign.countOf}
          describe={campaign.describe}
          disabled={busy}
          onExport={campaign.onExport}
        />
      )}
      {check && <CheckReportView report={check} onClose={() => onCloseCheck?.()} />}
    </div>
  );
}

/** An action and owner for every tier of every method, each method collapsed until opened. */
function PlaybookSection({ result, config, busy, playbook }: { result: ClassificationResult; config: TieringConfig; busy: boolean; playbook: PlaybookBinding }) {
  const locale = useLocale();
  const tr = useT();
  const s = useCommonStyles();
  return (
    <section className={s.section} aria-labelledby="res-playbook">
      <Subtitle2 as="h2" id="res-playbook" style={{ margin: 0 }}>
        {tr('playbook.title')}
      </Subtitle2>
      <Text size={200} className={s.hint}>
        {tr('playbook.hint')}
      </Text>
      <Accordion multiple collapsible>
        {result.summaries.map((sum) => (
          <AccordionItem key={sum.method} value={sum.method}>
            <AccordionHeader as="h3">{methodName(locale, sum.method, config)}</AccordionHeader>
            <AccordionPanel>
              <TierActionEditor
                method={sum.method}
                methodName={methodName(locale, sum.method, config)}
                tiers={sum.tiers.map((t) => t.tier)}
                actions={playbook.actions(sum.method)}
                defaults={playbook.defaults?.(sum.method, sum.tiers.map((t) => t.tier))}
                disabled={busy}
                onChange={(a) => playbook.onChange(sum.method, a)}
                titled={false}
              />
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
    </section>
  );
}

/** Analysis date, counts and the run's warnings. */
function Overview({ result }: { result: ClassificationResult }) {
  const tr = useT();
  const trAny = useTryT();
  const locale = useLocale();
  const s = useCommonStyles();
  const st = useStyles();
  // The CLV holdout check's verdict (methods.clv.holdout), when the run has one.
  const holdout = (result.reports.clv as ClvReport | undefined)?.holdout;
  return (
    <section className={s.section} aria-labelledby="res-overview">
      <Subtitle2 as="h2" id="res-overview" style={{ margin: 0 }}>
        {tr('results.overview')}
      </Subtitle2>
      <dl className={st.kv}>
        <dt className={st.dt}>{tr('results.analysisDate')}</dt>
        <dd className={st.dd}>
          {result.analysisDate} ({tr(`results.analysisDate.${result.analysisDateSource}`)})
        </dd>
        <dt className={st.dt}>{tr('results.customers')}</dt>
        <dd className={st.dd}>{formatNumber(locale, result.stats.customers)}</dd>
        <dt className={st.dt}>{tr('results.orders')}</dt>
        <dd className={st.dd}>{tr('results.ordersUsed', { used: formatNumber(locale, result.stats.ordersUsed), rows: formatNumber(locale, result.stats.orderRows) })}</dd>
        <dt className={st.dt}>{tr('results.issues')}</dt>
        <dd className={st.dd}>{formatNumber(locale, result.stats.rowsWithIssues)}</dd>
      </dl>
      {result.warnings.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <ul style={{ margin: 0, paddingInlineStart: '1.2em' }}>
              {result.warnings.slice(0, 6).map((w, i) => (
                <li key={i}>{trAny(`pane.warning.${w.code}`, w.params, trAny(`warning.${w.code}`, w.params, w.code))}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {holdout && (
        <MessageBar intent={holdout.poor ? 'warning' : 'info'} layout="multiline">
          <MessageBarBody>{trAny(holdout.verdict.code, holdout.verdict.params)}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

type OutputsProps = Omit<ResultsStepProps, 'migrations' | 'check' | 'onCloseCheck'>;

/** What to write (outputs and group sheets; Write itself is in the run bar) and Refresh / Remove / Check. */
function Outputs({ result, config, busy, onOutputs, onRefresh, onRemove, onCheck }: OutputsProps) {
  const tr = useT();
  const locale = useLocale();
  const s = useCommonStyles();
  const st = useStyles();
  const out = config.output;
  const groupable = result?.summaries.map((x) => x.method) ?? [];
  const flag = (key: 'tierColumns' | 'summary' | 'history' | 'issuesSheet', label: MessageKey) => (
    <Checkbox label={tr(label)} checked={out[key]} disabled={busy} onChange={(_, d) => onOutputs((o) => ({ ...o, [key]: !!d.checked }))} />
  );
  return (
    <section className={s.section} aria-labelledby="res-outputs">
      <Subtitle2 as="h2" id="res-outputs" style={{ margin: 0 }}>
        {tr('results.outputs')}
      </Subtitle2>
      {flag('tierColumns', 'results.out.tierColumns')}
      {flag('summary', 'results.out.summary')}
      {flag('history', 'results.out.history')}
      {flag('issuesSheet', 'results.out.issues')}
      <div role="group" aria-labelledby="res-groups" className={s.tight}>
        <Text id="res-groups" weight="semibold" size={200}>
          {tr('results.out.groupSheets')}
        </Text>
        {(groupable.length ? groupable : out.groupSheets).map((m) => (
          <Checkbox
            key={m}
            label={methodName(locale, m, config)}
            checked={out.groupSheets.includes(m)}
            disabled={busy}
            onChange={(_, d) => onOutputs((o) => ({ ...o, groupSheets: d.checked ? [...o.groupSheets.filter((x) => x !== m), m] : o.groupSheets.filter((x) => x !== m) }))}
          />
        ))}
      </div>
      <div className={st.actions}>
        <Button className={s.hcDisabled} icon={<ArrowClockwiseRegular />} disabledFocusable={busy} onClick={onRefresh}>
          {tr('results.refresh')}
        </Button>
        <RemoveButton busy={busy} onRemove={onRemove} />
        <Button className={s.hcDisabled} icon={<ShieldTaskRegular />} disabledFocusable={busy} onClick={onCheck}>
          {tr('check.button')}
        </Button>
      </div>
      <Text size={200} className={s.hint}>
        {tr('results.refresh.hint')}
      </Text>
    </section>
  );
}

/** Remove, behind a confirmation that says what goes (history included). */
function RemoveButton({ busy, onRemove }: { busy: boolean; onRemove(): void }) {
  const tr = useT();
  const s = useCommonStyles();
  return (
    <Dialog modalType="alert">
      <DialogTrigger disableButtonEnhancement>
        <Button className={s.hcDisabled} icon={<DeleteRegular />} disabledFocusable={busy}>
          {tr('results.remove')}
        </Button>
      </DialogTrigger>
      <DialogSurface aria-describedby="remove-desc">
        <DialogBody>
          <DialogTitle>{tr('remove.title')}</DialogTitle>
          <DialogContent id="remove-desc">{tr('remove.body')}</DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">{tr('remove.keep')}</Button>
            </DialogTrigger>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="primary" onClick={onRemove}>
                {tr('remove.confirm')}
              </Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
