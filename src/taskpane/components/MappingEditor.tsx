// The detected column mapping, one dropdown per field, to correct what detection got wrong.
import { Button, Dropdown, Field, Option } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronUpRegular } from '@fluentui/react-icons';
import { useId, useState } from 'react';
import { TABLE_KEYS } from '../../engine/ingest/headers';
import { useT, useTryT } from '../i18n';
import { useCommonStyles } from '../styles';

export interface MappingEditorProps {
  kind: 'customers' | 'orders';
  headers: string[];
  /** Mapping in effect (detected, then corrected). */
  mapping: Record<string, string>;
  /** Keys the user corrected (shown as such). */
  corrected: Record<string, string | undefined>;
  disabled?: boolean;
  onChange(key: string, header: string): void;
}

/** Fields most tables have; the rest (customer-level facts) are shown on request or when found. */
const ESSENTIAL: Record<'customers' | 'orders', readonly string[]> = {
  orders: TABLE_KEYS.orders,
  customers: ['customerId', 'name', 'region', 'industry', 'size'],
};

export function MappingEditor({ kind, headers, mapping, corrected, disabled, onChange }: MappingEditorProps) {
  const tr = useT();
  const trAny = useTryT();
  const s = useCommonStyles();
  const [more, setMore] = useState(false);
  const id = useId();
  const extra = TABLE_KEYS[kind].filter((k) => !ESSENTIAL[kind].includes(k));
  const shown = TABLE_KEYS[kind].filter((k) => ESSENTIAL[kind].includes(k) || more || mapping[k]);
  const hidden = extra.filter((k) => !shown.includes(k));
  return (
    <div className={s.tight}>
    <div className={s.twoCols} id={id}>
      {shown.map((key) => {
        const value = mapping[key];
        return (
          <Field
            key={key}
            label={trAny(`field.${kind}.${key}`, {}, key)}
            hint={corrected[key] ? tr('mapping.corrected') : value ? undefined : tr('mapping.notFound')}
          >
            <Dropdown
              size="small"
              disabled={disabled}
              className={s.fullWidth}
              style={{ minWidth: 0 }}
              value={value ?? ''}
              placeholder={tr('mapping.none')}
              selectedOptions={value ? [value] : []}
              onOptionSelect={(_, d) => d.optionValue && onChange(key, d.optionValue)}
            >
              {headers.map((h) => (
                <Option key={h} value={h}>
                  {h}
                </Option>
              ))}
            </Dropdown>
          </Field>
        );
      })}
    </div>
    {(hidden.length > 0 || more) && extra.length > 0 && (
      <div>
        <Button
          size="small"
          appearance="subtle"
          icon={more ? <ChevronUpRegular /> : <ChevronDownRegular />}
          aria-expanded={more}
          aria-controls={id}
          onClick={() => setMore((m) => !m)}
        >
          {more ? tr('mapping.fewer') : tr('mapping.more', { count: hidden.length })}
        </Button>
      </div>
    )}
    </div>
  );
}
