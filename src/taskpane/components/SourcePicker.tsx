// Choosing one source range: from the selection, from the workbook's tables and sheets,
// or typed as an address. Either source may be left out.
import { Button, Dropdown, Field, Input, Option, OptionGroup, Text } from '@fluentui/react-components';
import { useEffect, useId, useState } from 'react';
import type { RangeRef } from '../../config';
import type { SheetInfo, TableInfo } from '../../workbook/port';
import { useT } from '../i18n';
import { parseRangeInput, refLabel } from '../ranges';
import { useCommonStyles } from '../styles';

export interface SourcePickerProps {
  kind: 'customers' | 'orders' | 'facts';
  current: RangeRef | undefined;
  sheets: SheetInfo[];
  tables: TableInfo[];
  disabled?: boolean;
  onPick(ref: RangeRef): void;
  onUseSelection(): void;
  onClear(): void;
  /** What was read, once it was (replaces the "using …" line). */
  loaded?: string;
}

function refKey(ref: RangeRef | undefined): string {
  if (!ref) return '';
  if (ref.kind === 'table') return `table:${ref.table}`;
  if (ref.kind === 'sheet' && !ref.address) return `sheet:${ref.sheet}`;
  return '';
}

export function SourcePicker(props: SourcePickerProps) {
  const { kind, current, sheets, tables, disabled } = props;
  const tr = useT();
  const s = useCommonStyles();
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string | null>(null);
  const id = useId();
  const selectedKey = refKey(current);
  // The address box shows the range in use when it is an address (from the selection or typed),
  // so what looks like an address always is the real one; a table or sheet picked above clears it.
  const currentAddress = current && !refKey(current) ? refLabel(current) : '';
  useEffect(() => {
    setTyped(currentAddress);
    setTypedError(null);
  }, [currentAddress]);

  const submitTyped = () => {
    const ref = parseRangeInput(typed, { sheets: sheets.map((x) => x.name), tables: tables.map((x) => x.name) });
    if (!ref) {
      setTypedError(tr('data.address.invalid', { text: typed.trim() }));
      return;
    }
    setTypedError(null);
    props.onPick(ref);
  };

  return (
    <div className={s.tight}>
      <SheetOrTableDropdown sheets={sheets} tables={tables} disabled={disabled} selectedKey={selectedKey} describedBy={`${id}-current`} onPick={props.onPick} />
      <div className={s.row}>
        <Field
          className={s.grow}
          label={tr('data.address.label')}
          validationState={typedError ? 'error' : 'none'}
          validationMessage={typedError ?? undefined}
        >
          <Input
            value={typed}
            disabled={disabled}
            placeholder={tr('data.address.placeholder')}
            onChange={(_, d) => setTyped(d.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') submitTyped();
            }}
          />
        </Field>
        <Button disabled={disabled || !typed.trim() || typed === currentAddress} className={s.hcDisabled} onClick={submitTyped}>
          {tr('data.address.load')}
        </Button>
      </div>
      <div className={s.row}>
        <Button disabled={disabled} onClick={props.onUseSelection}>
          {tr('data.useSelection')}
        </Button>
        {current && (
          <Button appearance="subtle" disabled={disabled} onClick={props.onClear}>
            {tr('data.leaveOut')}
          </Button>
        )}
      </div>
      <Text id={`${id}-current`} size={200} className={s.hint}>
        {props.loaded ?? (current ? tr('data.current', { ref: refLabel(current) }) : tr(`data.none.${kind}`))}
      </Text>
    </div>
  );
}

/** The workbook's tables and visible sheets to pick from. */
function SheetOrTableDropdown({ sheets, tables, disabled, selectedKey, describedBy, onPick }: Pick<SourcePickerProps, 'sheets' | 'tables' | 'disabled' | 'onPick'> & { selectedKey: string; describedBy: string }) {
  const tr = useT();
  return (
    <Field label={tr('data.pick.label')}>
      <Dropdown
        aria-describedby={describedBy}
        placeholder={tr('data.pick.placeholder')}
        disabled={disabled}
        value={selectedKey ? selectedKey.split(':').slice(1).join(':') : ''}
        selectedOptions={selectedKey ? [selectedKey] : []}
        onOptionSelect={(_, d) => {
          const v = d.optionValue ?? '';
          const name = v.slice(v.indexOf(':') + 1);
          if (v.startsWith('table:')) onPick({ kind: 'table', table: name });
          else if (v.startsWith('sheet:')) onPick({ kind: 'sheet', sheet: name });
        }}
      >
        {tables.length > 0 && (
          <OptionGroup label={tr('data.pick.tables')}>
            {tables.map((tb) => (
              <Option key={`t-${tb.name}`} value={`table:${tb.name}`} text={tb.name}>
                {tb.name}
              </Option>
            ))}
          </OptionGroup>
        )}
        <OptionGroup label={tr('data.pick.sheets')}>
          {sheets
            .filter((sh) => sh.visible)
            .map((sh) => (
              <Option key={`s-${sh.name}`} value={`sheet:${sh.name}`} text={sh.name}>
                {sh.name}
              </Option>
            ))}
        </OptionGroup>
      </Dropdown>
    </Field>
  );
}
