// The run controls, always at hand at the bottom of the pane: Write to workbook (the primary
// action once a run has a result that is not in the workbook yet), Run, progress with the
// current stage, Cancel, and the outcome of the last long operation as a sentence.
import { Button, MessageBar, MessageBarActions, MessageBarBody, ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import { DismissRegular, PlayRegular, SaveRegular } from '@fluentui/react-icons';
import { useT } from '../i18n';
import type { Activity } from '../state';
import { useCommonStyles } from '../styles';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  row: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS, alignItems: 'center' },
  grow: { flexGrow: 1, minWidth: 0 },
});

export interface RunBarProps {
  activity: Activity;
  canRun: boolean;
  /** Why Run is disabled, as a sentence (shown next to the button). */
  blocked?: string;
  onRun(): void;
  onCancel(): void;
  /** Offered after a run finishes (the pane does not switch steps on its own). */
  onShowResults?(): void;
  /**
   * The result to write, if any: `written` says whether it is in the workbook. While it is not,
   * Write is the primary action and the bar says so; Run steps back to a secondary button.
   */
  result?: { written: boolean; onWrite(): void };
}

/** Share of the work done, from the stage reached (stages have rough weights). */
const STAGE_BASE: Record<string, [number, number]> = {
  preparing: [0, 0.02],
  reading: [0, 0.3],
  ingest: [0.3, 0.5],
  metrics: [0.5, 0.65],
  abc: [0.65, 0.7],
  rfm: [0.7, 0.75],
  activity: [0.75, 0.8],
  rules: [0.8, 0.85],
  clv: [0.85, 0.92],
  summaries: [0.92, 0.95],
  writing: [0, 1],
};

export function progressValue(a: Extract<Activity, { kind: 'busy' }>): number {
  const [lo, hi] = STAGE_BASE[a.stage] ?? [0, 1];
  const within = a.total > 0 ? Math.min(1, Math.max(0, a.done / a.total)) : 0;
  return lo + (hi - lo) * within;
}

export function RunBar({ activity, canRun, blocked, onRun, onCancel, onShowResults, result }: RunBarProps) {
  const tr = useT();
  const st = useStyles();
  const s = useCommonStyles();
  const busy = activity.kind === 'busy';
  const pending = !!result && !result.written;
  // The run's own sentence already says "not written yet"; after another task, say it here.
  const showPending = pending && !busy && !(activity.kind === 'done' && activity.task === 'run');
  const stageGroup = busy ? (activity.stage === 'reading' ? 'reading' : activity.stage === 'writing' ? 'writing' : activity.stage === 'preparing' ? 'preparing' : 'classifying') : null;
  return (
    <div className={st.bar} role="region" aria-label={tr('run.region')}>
      {busy && (
        <div>
          <ProgressBar value={progressValue(activity)} thickness="large" aria-label={tr('run.progress')} aria-valuetext={tr(`run.stage.${stageGroup ?? 'preparing'}`)} />
          <Text size={200} aria-live="polite">
            {tr(`task.${activity.task}`)} · {tr(`run.stage.${stageGroup ?? 'preparing'}`)}
            {activity.stage !== 'reading' && activity.stage !== 'writing' && activity.stage !== 'preparing' ? ` (${tr(`run.substage.${activity.stage}`)})` : ''}
          </Text>
        </div>
      )}
      {!busy && activity.kind !== 'idle' && (
        <MessageBar intent={activity.kind === 'done' ? 'success' : activity.kind === 'error' ? 'error' : 'warning'} layout="multiline">
          <MessageBarBody>
            <span aria-live="polite">
              {activity.kind === 'done' ? activity.message : activity.kind === 'error' ? activity.message : tr('run.cancelled', { task: tr(`task.${activity.task}`) })}
            </span>
          </MessageBarBody>
          {activity.kind === 'done' && activity.task === 'run' && onShowResults && (
            <MessageBarActions>
              <Button size="small" onClick={onShowResults}>
                {tr('run.showResults')}
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {showPending && (
        <Text size={200} role="status">
          {tr('run.unwritten')}
        </Text>
      )}
      <div className={st.row}>
        {result && (
          <Button appearance={pending ? 'primary' : 'secondary'} icon={<SaveRegular />} className={s.hcDisabled} onClick={result.onWrite} disabledFocusable={busy}>
            {tr('results.write')}
          </Button>
        )}
        {/* The buttons stay in place (disabled but focusable) so focus never jumps when a run starts or ends. */}
        <Button appearance={pending ? 'secondary' : 'primary'} icon={<PlayRegular />} className={s.hcDisabled} onClick={onRun} disabledFocusable={busy || !canRun}>
          {tr('run.run')}
        </Button>
        <Button icon={<DismissRegular />} className={s.hcDisabled} onClick={onCancel} disabledFocusable={!busy || activity.task === 'remove'}>
          {tr('run.cancel')}
        </Button>
        {!busy && blocked && (
          <Text size={200} className={st.grow}>
            {blocked}
          </Text>
        )}
      </div>
    </div>
  );
}
