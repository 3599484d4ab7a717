// Small form fields that keep what the user is typing until it is a valid value.
import { Dropdown, Field, Input, Option, Switch } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { dayToIso, isoToDay } from '../../engine/calendar';
import { useLocale, useT } from '../i18n';

export interface NumberFieldProps {
  label: string;
  value: number;
  min?: number;
  max?: number;
  /** Strict bounds (value must differ from min/max). */
  exclusive?: boolean;
  integer?: boolean;
  step?: number;
  hint?: string;
  disabled?: boolean;
  onCommit(v: number): void;
}

export function NumberField(p: NumberFieldProps) {
  const tr = useT();
  const [text, setText] = useState(String(p.value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // A new value from outside; not the one this field just committed ("0." stays "0." while 0 is committed).
    setText((now) => (now.trim() !== '' && Number(now.trim().replace(',', '.')) === p.value ? now : String(p.value)));
    setError(null);
  }, [p.value]);
  const check = (raw: string): string | null => {
    const v = Number(raw.trim().replace(',', '.'));
    if (raw.trim() === '' || !Number.isFinite(v)) return tr('field.error.number');
    if (p.integer && !Number.isInteger(v)) return tr('field.error.integer');
    const lowBad = p.min !== undefined && (p.exclusive ? v <= p.min : v < p.min);
    const highBad = p.max !== undefined && (p.exclusive ? v >= p.max : v > p.max);
    if (lowBad || highBad) {
      return tr(p.exclusive ? 'field.error.rangeExclusive' : 'field.error.range', { min: p.min ?? '−∞', max: p.max ?? '∞' });
    }
    return null;
  };
  return (
    <Field label={p.label} hint={p.hint} validationState={error ? 'error' : 'none'} validationMessage={error ?? undefined}>
      <Input
        type="number"
        inputMode="decimal"
        value={text}
        step={p.step}
        min={p.min}
        max={p.max}
        disabled={p.disabled}
        onChange={(_, d) => {
          setText(d.value);
          const e = check(d.value);
          setError(e);
          if (!e) p.onCommit(Number(d.value.trim().replace(',', '.')));
        }}
      />
    </Field>
  );
}

export interface DateFieldProps {
  label: string;
  /** "YYYY-MM-DD", or undefined for none. */
  value: string | undefined;
  hint?: string;
  disabled?: boolean;
  /** A real calendar day as "YYYY-MM-DD", or undefined when the field is emptied. */
  onCommit(v: string | undefined): void;
}

/**
 * A date typed as YYYY-MM-DD, in the pane's language. Not <input type="date">: Chromium shows
 * that in the browser's language and order (mm/dd/yyyy in a 中文 pane), whatever `lang` says.
 * Arrow up and down move a valid date by a day.
 */
export function DateField(p: DateFieldProps) {
  const tr = useT();
  const locale = useLocale();
  const [text, setText] = useState(p.value ?? '');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // A new value from outside (a loaded config); not the one this field just committed.
    setText((now) => (dayToIso(isoToDay(now.trim())) === (p.value ?? '') ? now : (p.value ?? '')));
    setError(null);
  }, [p.value]);
  /** Why `raw` is not a date, or null when it is one (or empty). */
  const problem = (raw: string): string | null => {
    const s = raw.trim();
    if (s === '' || !Number.isNaN(isoToDay(s))) return null;
    return /^\d{4}-\d{2}-\d{2}$/.test(s) ? tr('field.error.dateNotReal', { text: s }) : tr('field.error.date', { text: s });
  };
  // A valid date is taken at once; a wrong one is said when the user leaves the field (or has
  // typed a whole date), not at every keystroke of "2024-0…".
  const commit = (raw: string) => {
    setText(raw);
    const s = raw.trim();
    const why = problem(raw);
    if (why === null) {
      setError(null);
      p.onCommit(s === '' ? undefined : s);
    } else if (s.length >= 10) setError(why);
    else setError(null);
  };
  return (
    <Field label={p.label} hint={p.hint} validationState={error ? 'error' : 'none'} validationMessage={error ?? undefined}>
      <Input
        value={text}
        lang={locale}
        placeholder={tr('field.date.placeholder')}
        autoComplete="off"
        spellCheck={false}
        disabled={p.disabled}
        onChange={(_, d) => commit(d.value)}
        onBlur={() => setError(problem(text))}
        onKeyDown={(e) => {
          if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
          const day = isoToDay(text.trim());
          if (Number.isNaN(day)) return;
          e.preventDefault();
          commit(dayToIso(day + (e.key === 'ArrowUp' ? 1 : -1)));
        }}
      />
    </Field>
  );
}

export interface ChoiceFieldProps<T extends string | number> {
  label: string;
  value: T;
  options: { value: T; label: string }[];
  hint?: string;
  disabled?: boolean;
  /** In a two-column grid, the whole row: for options too long for half the pane ("Even groups (boundary → higher)"). */
  wide?: boolean;
  onChange(v: T): void;
}

export function ChoiceField<T extends string | number>(p: ChoiceFieldProps<T>) {
  const current = p.options.find((o) => o.value === p.value);
  return (
    <Field label={p.label} hint={p.hint} style={p.wide ? { gridColumn: '1 / -1' } : undefined}>
      <Dropdown
        disabled={p.disabled}
        value={current?.label ?? ''}
        selectedOptions={[String(p.value)]}
        style={{ minWidth: 0 }}
        onOptionSelect={(_, d) => {
          const o = p.options.find((x) => String(x.value) === d.optionValue);
          if (o) p.onChange(o.value);
        }}
      >
        {p.options.map((o) => (
          <Option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

export interface ListFieldProps {
  label: string;
  /** Shown when empty; empty means "use the default". */
  placeholder: string;
  value: string[] | undefined;
  hint?: string;
  disabled?: boolean;
  /** Returns an error sentence, or null when the list is acceptable. */
  validate(items: string[]): string | null;
  onCommit(items: string[] | undefined): void;
}

/** A comma-separated list ("0.2, 0.5" or "A, B, C"); empty means the default. */
export function ListField(p: ListFieldProps) {
  const [text, setText] = useState((p.value ?? []).join(', '));
  const [error, setError] = useState<string | null>(null);
  return (
    <Field label={p.label} hint={p.hint} validationState={error ? 'error' : 'none'} validationMessage={error ?? undefined}>
      <Input
        value={text}
        placeholder={p.placeholder}
        disabled={p.disabled}
        onChange={(_, d) => {
          setText(d.value);
          const items = d.value
            .split(/[,，;；]/)
            .map((x) => x.trim())
            .filter(Boolean);
          if (items.length === 0) {
            setError(null);
            p.onCommit(undefined);
            return;
          }
          const e = p.validate(items);
          setError(e);
          if (!e) p.onCommit(items);
        }}
      />
    </Field>
  );
}

export function SwitchField(p: { label: string; checked: boolean; disabled?: boolean; onChange(v: boolean): void }) {
  return <Switch label={p.label} checked={p.checked} disabled={p.disabled} onChange={(_, d) => p.onChange(d.checked)} />;
}
