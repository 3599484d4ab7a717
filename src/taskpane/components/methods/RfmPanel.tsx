// RFM segments: bins, scoring, which end is best, the monetary basis, fixed thresholds and
// the segment table.
import { Button, Text } from '@fluentui/react-components';
import type { RfmConfig } from '../../../config';
import { defaultSegments } from '../../engineBridge';
import { useT } from '../../i18n';
import { useCommonStyles } from '../../styles';
import { ChoiceField, ListField } from '../fields';
import { SegmentGrid } from '../SegmentGrid';
import { MethodItem, type MethodPanelProps } from './MethodItem';

export function RfmPanel({ value: rfm, on, disabled, onToggle, onPatch }: MethodPanelProps<RfmConfig>) {
  const tr = useT();
  const s = useCommonStyles();
  const off = disabled || !on;
  return (
    <MethodItem value="rfm" title={tr('methods.rfm')} hint={tr('methods.rfm.hint')} on={on} disabled={disabled} onToggle={onToggle}>
      <div className={s.twoCols}>
        <ChoiceField
          label={tr('methods.rfm.scoring')}
          value={rfm.scoring}
          disabled={off}
          wide
          options={(['quantile', 'quantile-inclusive', 'rank', 'fixed'] as const).map((v) => ({ value: v, label: tr(`methods.rfm.scoring.${v}`) }))}
          onChange={(v) => onPatch({ scoring: v })}
        />
        <ChoiceField label={tr('methods.rfm.bins')} value={rfm.bins} disabled={off} options={[3, 4, 5].map((v) => ({ value: v, label: String(v) }))} onChange={(v) => onPatch({ bins: v })} />
        <ChoiceField
          label={tr('methods.rfm.best')}
          value={rfm.best}
          disabled={off}
          options={(['high', 'low'] as const).map((v) => ({ value: v, label: tr(`methods.rfm.best.${v}`) }))}
          onChange={(v) => onPatch({ best: v })}
        />
        <ChoiceField
          label={tr('methods.rfm.monetary')}
          value={rfm.monetary}
          disabled={off}
          options={(['revenue', 'profit'] as const).map((v) => ({ value: v, label: tr(`methods.basis.${v}`) }))}
          onChange={(v) => onPatch({ monetary: v })}
        />
      </div>
      {rfm.scoring === 'fixed' &&
        (['recency', 'frequency', 'monetary'] as const).map((k) => (
          <ListField
            key={k}
            label={tr(`methods.rfm.thresholds.${k}`)}
            placeholder={tr('methods.rfm.thresholds.placeholder', { n: rfm.bins - 1 })}
            value={rfm.thresholds?.[k].map(String)}
            disabled={off}
            validate={(items) => (items.some((x) => !Number.isFinite(Number(x))) ? tr('field.error.number') : null)}
            onCommit={(items) => onPatch({ thresholds: { recency: [], frequency: [], monetary: [], ...rfm.thresholds, [k]: (items ?? []).map(Number) } })}
          />
        ))}
      <RfmSegments rfm={rfm} disabled={off} onPatch={onPatch} />
    </MethodItem>
  );
}

/** The segment table: the default one (named, not shown), or the user's copy in a grid. */
function RfmSegments({ rfm, disabled, onPatch }: { rfm: RfmConfig; disabled: boolean; onPatch(p: Partial<RfmConfig>): void }) {
  const tr = useT();
  const s = useCommonStyles();
  if (!rfm.segments) {
    return (
      <div className={s.row}>
        <Text size={200} className={s.hint}>
          {tr('rfm.segments.default')}
        </Text>
        <Button size="small" disabled={disabled} onClick={() => onPatch({ segments: defaultSegments(rfm.bins) })}>
          {tr('rfm.segments.edit')}
        </Button>
      </div>
    );
  }
  return (
    <>
      <SegmentGrid segments={rfm.segments} bins={rfm.bins} disabled={disabled} onChange={(segments) => onPatch({ segments })} />
      <div className={s.row}>
        <Button size="small" appearance="subtle" disabled={disabled} onClick={() => onPatch({ segments: undefined })}>
          {tr('rfm.segments.reset')}
        </Button>
      </div>
    </>
  );
}
