// What the method panels share: the accordion item of a method that can be switched on and
// off, the props every such panel takes, and the check of a list of increasing fractions.
import { AccordionHeader, AccordionItem, AccordionPanel, Text } from '@fluentui/react-components';
import { useCallback, type ReactNode } from 'react';
import { useT } from '../../i18n';
import { useCommonStyles } from '../../styles';
import { SwitchField } from '../fields';

/** A method's settings (`value`), whether it runs, and callbacks that edit the config. */
export interface MethodPanelProps<C> {
  value: C;
  on: boolean;
  disabled?: boolean;
  onToggle(on: boolean): void;
  onPatch(patch: Partial<C>): void;
}

export interface MethodItemProps {
  /** Accordion item value. */
  value: string;
  title: string;
  hint: string;
  on: boolean;
  disabled?: boolean;
  onToggle(on: boolean): void;
  children: ReactNode;
}

/** "Title · On/Off" as the header; inside, the switch, the hint, then the method's fields. */
export function MethodItem({ value, title, hint, on, disabled, onToggle, children }: MethodItemProps) {
  const tr = useT();
  const s = useCommonStyles();
  return (
    <AccordionItem value={value}>
      <AccordionHeader as="h2">
        {title} · {tr(on ? 'methods.on' : 'methods.off')}
      </AccordionHeader>
      <AccordionPanel>
        <div className={s.tight}>
          <SwitchField label={tr('methods.use', { method: title })} checked={on} disabled={disabled} onChange={onToggle} />
          <Text size={200} className={s.hint}>
            {hint}
          </Text>
          {children}
        </div>
      </AccordionPanel>
    </AccordionItem>
  );
}

/** Validates cut points: fractions strictly between 0 and 1, increasing. */
export function useFractionCheck(): (items: string[]) => string | null {
  const tr = useT();
  return useCallback(
    (items: string[]) => {
      const xs = items.map(Number);
      if (xs.some((x) => !Number.isFinite(x) || x <= 0 || x >= 1)) return tr('methods.error.fractions');
      if (xs.some((x, i) => i > 0 && x <= xs[i - 1])) return tr('methods.error.increasing');
      return null;
    },
    [tr],
  );
}
