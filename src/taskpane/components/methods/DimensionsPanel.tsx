// Dimensions: customer columns (region, channel…) whose values become segments of their own.
import { AccordionHeader, AccordionItem, AccordionPanel, Checkbox, Text } from '@fluentui/react-components';
import { useT } from '../../i18n';
import { useCommonStyles } from '../../styles';

export interface DimensionsPanelProps {
  /** Headers of the customer source that may be chosen. */
  headers: string[];
  chosen: string[];
  /** Whether the chosen ones were found by their headings (nothing chosen by the user yet). */
  detected?: boolean;
  disabled?: boolean;
  onToggle(header: string, on: boolean): void;
}

export function DimensionsPanel({ headers, chosen, detected, disabled, onToggle }: DimensionsPanelProps) {
  const tr = useT();
  const s = useCommonStyles();
  return (
    <AccordionItem value="dimensions">
      <AccordionHeader as="h2">
        {tr('methods.dimensions')} · {chosen.length}
      </AccordionHeader>
      <AccordionPanel>
        <div className={s.tight}>
          <Text size={200} className={s.hint}>
            {tr('methods.dimensions.hint')}
          </Text>
          {detected && (
            <Text size={200} className={s.hint}>
              {tr('methods.dimensions.detected')}
            </Text>
          )}
          {headers.length === 0 ? (
            <Text size={200}>{tr('methods.dimensions.none')}</Text>
          ) : (
            <div role="group" aria-label={tr('methods.dimensions')} className={s.twoCols}>
              {headers.map((h) => (
                <Checkbox key={h} label={h} disabled={disabled} checked={chosen.includes(h)} onChange={(_, d) => onToggle(h, Boolean(d.checked))} />
              ))}
            </div>
          )}
        </div>
      </AccordionPanel>
    </AccordionItem>
  );
}
