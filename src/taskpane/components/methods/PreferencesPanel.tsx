// Needs and habits (config methods.preferences): which category level, and the main thresholds.
// The method runs when the orders have a category, subcategory or channel column (mapped on
// the data step); without one, the switch says so and nothing is computed.
import { Text } from '@fluentui/react-components';
import type { PreferencesConfig } from '../../../config';
import { useT } from '../../i18n';
import { useCommonStyles } from '../../styles';
import { ChoiceField, NumberField } from '../fields';
import { MethodItem, type MethodPanelProps } from './MethodItem';

export function PreferencesPanel({ value: pref, on, disabled, onToggle, onPatch, hasColumns }: MethodPanelProps<PreferencesConfig> & { hasColumns: boolean }) {
  const tr = useT();
  const s = useCommonStyles();
  const off = disabled || !on;
  return (
    <MethodItem value="preferences" title={tr('methods.pref')} hint={tr('methods.pref.hint')} on={on} disabled={disabled} onToggle={onToggle}>
      {!hasColumns && (
        <Text size={200} className={s.hint}>
          {tr('methods.pref.noColumns')}
        </Text>
      )}
      <ChoiceField
        label={tr('methods.pref.level')}
        value={pref.level}
        disabled={off}
        options={(['category', 'subcategory'] as const).map((v) => ({ value: v, label: tr(`methods.pref.level.${v}`) }))}
        onChange={(v) => onPatch({ level: v })}
      />
      <div className={s.twoCols}>
        <NumberField label={tr('methods.pref.weekendShare')} min={0} max={1} step={0.05} value={pref.weekendShare} disabled={off} onCommit={(v) => onPatch({ weekendShare: v })} />
        <NumberField label={tr('methods.pref.minDays')} integer min={1} value={pref.minDays} disabled={off} onCommit={(v) => onPatch({ minDays: v })} />
        <NumberField label={tr('methods.pref.singleShare')} min={0} max={1} exclusive step={0.05} value={pref.singleShare} disabled={off} onCommit={(v) => onPatch({ singleShare: v })} />
        <NumberField label={tr('methods.pref.discountShare')} min={0} max={1} step={0.05} value={pref.discountShare} disabled={off} onCommit={(v) => onPatch({ discountShare: v })} />
      </div>
    </MethodItem>
  );
}
