// The pane: theme and language, three steps as tabs, and the run bar.
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  Text,
  makeStyles,
  teamsHighContrastTheme,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TieringConfig } from '../config';
import { countSelected, type TierSelection } from '../output/campaign';
import type { CampaignRequest } from './components/Playbook';
import { selectionText } from './controller/campaign';
import { usePlaybook } from './controller/usePlaybook';
import type { Snapshot } from '../engine/history';
import { MethodsStep, configErrors } from './components/MethodsStep';
import { DataStep } from './components/DataStep';
import { EditsDialog } from './components/EditsDialog';
import { ResultsStep } from './components/ResultsStep';
import { RunBar } from './components/RunBar';
import { detectedDimensionHeaders, migrations } from './engineBridge';
import type { PaneHost } from './host';
import { LocaleContext, useT } from './i18n';
import { effectiveMapping, isBusy, type Step } from './state';
import { useController, type Controller } from './useController';

const THEMES = { light: webLightTheme, dark: webDarkTheme, contrast: teamsHighContrastTheme } as const;

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    height: '100vh',
    minWidth: 0,
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0`,
  },
  title: { flexGrow: 1, minWidth: 0 },
  tabs: { paddingInline: tokens.spacingHorizontalXS },
  main: {
    flexGrow: 1,
    overflowY: 'auto',
    overflowX: 'hidden',
    padding: tokens.spacingHorizontalM,
    minWidth: 0,
  },
});

export interface AppProps {
  host: PaneHost;
  initialConfig: TieringConfig;
  /** Workbook history for migration (optional; absent in tests that do not need it). */
  loadHistory?: () => Promise<Snapshot[]>;
}

export function App({ host, initialConfig, loadHistory }: AppProps) {
  const ctl = useController(host, initialConfig);
  return (
    <FluentProvider theme={THEMES[host.theme]} style={{ backgroundColor: 'transparent' }}>
      <LocaleContext.Provider value={ctl.state.locale}>
        <Pane ctl={ctl} loadHistory={loadHistory} />
      </LocaleContext.Provider>
    </FluentProvider>
  );
}

function Pane({ ctl, loadHistory }: { ctl: Controller; loadHistory?: () => Promise<Snapshot[]> }) {
  const tr = useT();
  const st = useStyles();
  const { state, dispatch } = ctl;
  const history = useWorkbookHistory(state, loadHistory);
  useEffect(() => {
    document.documentElement.lang = state.locale;
    document.title = tr('app.title');
  }, [state.locale, tr]);
  const errors = useMemo(() => configErrors(state.config, state.locale), [state.config, state.locale]);
  const hasSource = Boolean(state.config.sources.customers || state.config.sources.orders || state.config.sources.facts);
  const blocked = !hasSource ? tr('run.blocked.noSource') : errors.length ? tr('run.blocked.config', { count: errors.length }) : undefined;
  return (
    <div className={st.root}>
      <PaneHeader ctl={ctl} />
      <main className={st.main} aria-label={tr(`step.${state.step}`)}>
        {state.notice && (
          <MessageBar intent={state.notice.intent} layout="multiline" style={{ marginBottom: tokens.spacingVerticalM }}>
            <MessageBarBody>{state.notice.text}</MessageBarBody>
          </MessageBar>
        )}
        <CurrentStep ctl={ctl} history={history} />
      </main>
      <EditsDialog items={state.editQuestion?.items ?? null} onAnswer={(choice) => void ctl.answerEdits(choice)} />
      <RunBar activity={state.activity} canRun={!blocked} blocked={blocked} onRun={() => void ctl.run()} onCancel={ctl.cancel}
        onShowResults={state.step === 'results' ? undefined : () => dispatch({ type: 'setStep', step: 'results' })}
        result={state.result ? { written: state.written, onWrite: () => void ctl.write() } : undefined}
      />
    </div>
  );
}

/** The workbook's tier history, re-read after each write (the history sheet just changed). */
function useWorkbookHistory(state: Controller['state'], loadHistory?: () => Promise<Snapshot[]>): Snapshot[] {
  const [history, setHistory] = useState<Snapshot[]>([]);
  const writeCount = state.activity.kind === 'done' && state.activity.task !== 'run' ? state.activity.message : '';
  useEffect(() => {
    if (!loadHistory) return;
    loadHistory()
      .then(setHistory)
      .catch(() => setHistory([]));
  }, [loadHistory, writeCount]);
  return history;
}

/** Title, language switch and the step tabs. */
function PaneHeader({ ctl }: { ctl: Controller }) {
  const tr = useT();
  const st = useStyles();
  const { state, dispatch } = ctl;
  return (
    <>
      <header className={st.header}>
        <Text as="h1" weight="semibold" size={400} className={st.title} style={{ margin: 0 }}>
          {tr('app.title')}
        </Text>
        <Button
          size="small"
          appearance="subtle"
          lang={state.locale === 'zh-CN' ? 'en' : 'zh-CN'}
          aria-label={tr('app.switchLanguage')}
          onClick={() => dispatch({ type: 'setLocale', locale: state.locale === 'zh-CN' ? 'en-US' : 'zh-CN' })}
        >
          {state.locale === 'zh-CN' ? 'English' : '中文'}
        </Button>
      </header>
      <nav aria-label={tr('app.steps')}>
        <TabList className={st.tabs} selectedValue={state.step} onTabSelect={(_, d) => dispatch({ type: 'setStep', step: d.value as Step })} aria-label={tr('app.steps')} size="medium">
          <Tab value="data">{tr('step.data')}</Tab>
          <Tab value="methods">{tr('step.methods')}</Tab>
          <Tab value="results">{tr('step.results')}</Tab>
        </TabList>
      </nav>
    </>
  );
}

/** The step shown: each gets its data and callbacks from the controller. */
function CurrentStep({ ctl, history }: { ctl: Controller; history: Snapshot[] }) {
  const { state, dispatch } = ctl;
  const busy = isBusy(state);
  const mapping = { customers: effectiveMapping(state, 'customers'), orders: effectiveMapping(state, 'orders') };
  const update = useCallback((fn: (c: TieringConfig) => TieringConfig) => dispatch({ type: 'updateConfig', update: fn }), [dispatch]);
  const playbook = usePlaybook(state.config, state.locale, update);
  const result = state.result;
  const { locale, config } = state;
  const campaign = useMemo(
    () =>
      result
        ? {
            countOf: (sel: TierSelection) => countSelected(result, sel),
            describe: (sel: TierSelection) => selectionText(locale, sel, config),
            onExport: (r: CampaignRequest) => void ctl.exportCampaign(r),
          }
        : undefined,
    [result, locale, config, ctl],
  );
  const migs = useMemo(() => (state.result ? migrations(state.result, history, state.previous, state.config) : []), [state.result, state.previous, history, state.config]);
  const customerHeaders = useMemo(() => {
    const src = state.sources.customers;
    if (!src) return [];
    const used = new Set([mapping.customers.customerId, mapping.customers.name]);
    return src.headers.filter((h) => !used.has(h));
  }, [state.sources.customers, mapping.customers.customerId, mapping.customers.name]);
  if (state.step === 'data')
    return (
      <DataStep
        sheets={state.lists.sheets}
        tables={state.lists.tables}
        listFailed={state.lists.failed}
        sources={state.sources}
        refs={state.config.sources}
        errors={state.sourceErrors}
        mapping={mapping}
        corrected={{ customers: state.config.columns.customers, orders: state.config.columns.orders }}
        issues={state.result?.issues ?? null}
        busy={busy}
        onReloadList={ctl.reloadLists}
        onPick={(kind, ref) => void ctl.loadSource(kind, ref)}
        onUseSelection={(kind) => void ctl.fromSelection(kind)}
        onClear={ctl.clearSource}
        onMap={(kind, key, header) => dispatch({ type: 'updateConfig', update: (c) => ({ ...c, columns: { ...c.columns, [kind]: { ...c.columns[kind], [key]: header } } }) })}
        onSelectCell={ctl.selectCell}
        facts={{ facts: state.facts, onPick: (ref) => void ctl.loadFacts(ref), onUseSelection: () => void ctl.factsFromSelection(), onClear: ctl.clearFacts }}
      />
    );
  if (state.step === 'methods')
    return (
      <MethodsStep
        config={state.config}
        customerHeaders={customerHeaders}
        detectedDimensions={detectedDimensionHeaders(mapping.customers)}
        hasResult={state.result !== null}
        rulePreview={ctl.rulePreview}
        disabled={busy}
        preferenceColumns={Boolean(mapping.orders.category || mapping.orders.subcategory || mapping.orders.channel)}
        onChange={(update) => dispatch({ type: 'updateConfig', update })}
      />
    );
  return (
    <ResultsStep
      result={state.result}
      migrations={migs}
      config={state.config}
      busy={busy}
      onOutputs={(update) => dispatch({ type: 'updateConfig', update: (c) => ({ ...c, output: update(c.output) }) })}
      onRefresh={() => void ctl.refresh()}
      onRemove={() => void ctl.remove()}
      onCheck={() => void ctl.check()}
      check={state.check}
      onCloseCheck={() => dispatch({ type: 'checked', report: null })}
      playbook={playbook}
      campaign={campaign}
    />
  );
}
