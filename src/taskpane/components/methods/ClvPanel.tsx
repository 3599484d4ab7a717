// Customer lifetime value: time unit, horizon, discount rate, margin and tier cut points; a
// holdout end date (orders after the analysis date check the fit) and per-customer intervals.
import { Checkbox } from '@fluentui/react-components';
import type { ClvConfig } from '../../../config';
import { useT } from '../../i18n';
import { useCommonStyles } from '../../styles';
import { ChoiceField, DateField, ListField, NumberField } from '../fields';
import { MethodItem, useFractionCheck, type MethodPanelProps } from './MethodItem';

export function ClvPanel({ value: clv, on, disabled, onToggle, onPatch }: MethodPanelProps<ClvConfig>) {
  const tr = useT();
  const s = useCommonStyles();
  const fraction = useFractionCheck();
  const off = disabled || !on;
  return (
    <MethodItem value="clv" title={tr('methods.clv')} hint={tr('methods.clv.hint')} on={on} disabled={disabled} onToggle={onToggle}>
      <div className={s.twoCols}>
        <ChoiceField
          label={tr('methods.clv.timeUnit')}
          value={clv.timeUnit}
          disabled={off}
          options={(['day', 'week', 'month'] as const).map((v) => ({ value: v, label: tr(`methods.clv.unit.${v}`) }))}
          onChange={(v) => onPatch({ timeUnit: v })}
        />
        <NumberField label={tr('methods.clv.horizon')} integer min={1} max={120} value={clv.horizonMonths} disabled={off} onCommit={(v) => onPatch({ horizonMonths: v })} />
        <NumberField label={tr('methods.clv.discount')} min={0} max={1} step={0.005} value={clv.discountRate} disabled={off} onCommit={(v) => onPatch({ discountRate: v })} />
        <NumberField label={tr('methods.clv.margin')} min={0} max={1} step={0.05} value={clv.margin} disabled={off} onCommit={(v) => onPatch({ margin: v })} />
      </div>
      <ListField
        label={tr('methods.clv.tierCuts')}
        placeholder="0.2, 0.5"
        value={clv.tierCuts.map(String)}
        disabled={off}
        validate={fraction}
        onCommit={(items) => onPatch({ tierCuts: items ? items.map(Number) : [0.2, 0.5] })}
      />
      <DateField label={tr('methods.clv.holdout')} hint={tr('methods.clv.holdout.hint')} value={clv.holdout?.end} disabled={off} onCommit={(v) => onPatch({ holdout: v ? { end: v } : undefined })} />
      <Checkbox
        label={tr('methods.clv.interval')}
        checked={Boolean(clv.interval)}
        disabled={off}
        onChange={(_, d) => onPatch({ interval: d.checked ? { level: 0.9 } : undefined })}
      />
      {clv.interval && (
        <NumberField label={tr('methods.clv.interval.level')} min={0} max={1} exclusive step={0.05} value={clv.interval.level} disabled={off} onCommit={(v) => onPatch({ interval: { level: v } })} />
      )}
    </MethodItem>
  );
}
