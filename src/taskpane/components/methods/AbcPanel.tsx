// ABC classes: basis, mode, cut points and class names.
import type { AbcConfig } from '../../../config';
import { DEFAULT_CUTS } from '../../../engine/methods/abc';
import { useT } from '../../i18n';
import { useCommonStyles } from '../../styles';
import { ChoiceField, ListField } from '../fields';
import { MethodItem, useFractionCheck, type MethodPanelProps } from './MethodItem';

export function AbcPanel({ value: abc, on, disabled, onToggle, onPatch }: MethodPanelProps<AbcConfig>) {
  const tr = useT();
  const s = useCommonStyles();
  const fraction = useFractionCheck();
  const off = disabled || !on;
  const classes = (abc.cuts?.length ?? 2) + 1;
  return (
    <MethodItem value="abc" title={tr('methods.abc')} hint={tr('methods.abc.hint')} on={on} disabled={disabled} onToggle={onToggle}>
      <div className={s.twoCols}>
        <ChoiceField
          label={tr('methods.abc.basis')}
          value={abc.basis}
          disabled={off}
          options={(['revenue', 'profit', 'orders'] as const).map((v) => ({ value: v, label: tr(`methods.basis.${v}`) }))}
          onChange={(v) => onPatch({ basis: v })}
        />
        <ChoiceField
          label={tr('methods.abc.mode')}
          value={abc.mode}
          disabled={off}
          options={(['customer-share', 'value-share'] as const).map((v) => ({ value: v, label: tr(`methods.abc.mode.${v}`) }))}
          onChange={(v) => onPatch({ mode: v })}
        />
      </div>
      <ListField
        label={tr('methods.abc.cuts')}
        // The placeholder is what an empty field means: the engine's default for the mode.
        placeholder={DEFAULT_CUTS[abc.mode].join(', ')}
        hint={tr('methods.abc.cuts.hint')}
        value={abc.cuts?.map(String)}
        disabled={off}
        validate={fraction}
        onCommit={(items) => onPatch({ cuts: items?.map(Number) })}
      />
      <ListField
        label={tr('methods.abc.labels')}
        placeholder="A, B, C"
        value={abc.labels}
        disabled={off}
        validate={(items) => (items.length !== classes ? tr('methods.abc.labels.count', { n: classes }) : null)}
        onCommit={(items) => onPatch({ labels: items })}
      />
    </MethodItem>
  );
}
