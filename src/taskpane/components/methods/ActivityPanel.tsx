// Activity and churn: the active/silent/new windows, frequency and spend tiers, churn warning.
import { Text } from '@fluentui/react-components';
import type { ActivityConfig } from '../../../config';
import { useT } from '../../i18n';
import { useCommonStyles } from '../../styles';
import { NumberField } from '../fields';
import { MethodItem, type MethodPanelProps } from './MethodItem';

export function ActivityPanel({ value: act, on, disabled, onToggle, onPatch }: MethodPanelProps<ActivityConfig>) {
  const tr = useT();
  const s = useCommonStyles();
  const off = disabled || !on;
  const frequency = (p: Partial<ActivityConfig['frequency']>) => onPatch({ frequency: { ...act.frequency, ...p } });
  const spend = (p: Partial<ActivityConfig['spend']>) => onPatch({ spend: { ...act.spend, ...p } });
  const churn = (p: Partial<ActivityConfig['churn']>) => onPatch({ churn: { ...act.churn, ...p } });
  return (
    <MethodItem value="activity" title={tr('methods.activity')} hint={tr('methods.activity.hint')} on={on} disabled={disabled} onToggle={onToggle}>
      <div className={s.twoCols}>
        <NumberField label={tr('methods.activity.activeDays')} integer min={1} value={act.activeDays} disabled={off} onCommit={(v) => onPatch({ activeDays: v })} />
        <NumberField label={tr('methods.activity.silentDays')} integer min={1} value={act.silentDays} disabled={off} onCommit={(v) => onPatch({ silentDays: v })} />
        <NumberField label={tr('methods.activity.newDays')} integer min={1} value={act.newDays} disabled={off} onCommit={(v) => onPatch({ newDays: v })} />
      </div>
      <Text weight="semibold">{tr('methods.frequency')}</Text>
      <div className={s.twoCols}>
        <NumberField label={tr('methods.frequency.perWeek')} min={0} exclusive value={act.frequency.perWeek} disabled={off} onCommit={(v) => frequency({ perWeek: v })} />
        <NumberField label={tr('methods.frequency.perMonth')} min={0} exclusive value={act.frequency.perMonth} disabled={off} onCommit={(v) => frequency({ perMonth: v })} />
      </div>
      <Text weight="semibold">{tr('methods.spend')}</Text>
      <div className={s.twoCols}>
        <NumberField label={tr('methods.spend.high')} min={0} max={1} exclusive step={0.05} value={act.spend.highQuantile} disabled={off} onCommit={(v) => spend({ highQuantile: v })} />
        <NumberField label={tr('methods.spend.low')} min={0} max={1} exclusive step={0.05} value={act.spend.lowQuantile} disabled={off} onCommit={(v) => spend({ lowQuantile: v })} />
      </div>
      <Text weight="semibold">{tr('methods.churn')}</Text>
      <Text size={200} className={s.hint}>
        {tr('methods.churn.hint')}
      </Text>
      <div className={s.twoCols}>
        <NumberField label={tr('methods.churn.gapRatio')} min={1} exclusive step={0.5} value={act.churn.gapRatio} disabled={off} onCommit={(v) => churn({ gapRatio: v })} />
        <NumberField label={tr('methods.churn.rateDrop')} min={0} max={1} exclusive step={0.05} value={act.churn.rateDrop} disabled={off} onCommit={(v) => churn({ rateDrop: v })} />
        <NumberField label={tr('methods.churn.windowDays')} integer min={1} value={act.churn.windowDays} disabled={off} onCommit={(v) => churn({ windowDays: v })} />
        <NumberField label={tr('methods.churn.minOrders')} integer min={2} value={act.churn.minOrders} disabled={off} onCommit={(v) => churn({ minOrders: v })} />
      </div>
    </MethodItem>
  );
}
