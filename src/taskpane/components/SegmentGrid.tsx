// The RFM segment table as an editable grid: first matching row wins. Arrow keys move
// between cells of the same column; each range is typed as "low-high" (e.g. 4-5).
import { Button, Input, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { AddRegular, ArrowDownRegular, ArrowUpRegular, DeleteRegular, MoreVerticalRegular } from '@fluentui/react-icons';
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { SegmentDef } from '../../config';
import { tierLabel, useLocale, useT } from '../i18n';
import { useCommonStyles } from '../styles';

export interface SegmentGridProps {
  segments: SegmentDef[];
  bins: number;
  disabled?: boolean;
  onChange(segments: SegmentDef[]): void;
}

type Measure = 'r' | 'f' | 'm';
const MEASURES: Measure[] = ['r', 'f', 'm'];

export function parseScoreRange(text: string, bins: number): [number, number] | null {
  const m = /^\s*(\d)\s*(?:[-–~至到]\s*(\d)\s*)?$/.exec(text);
  if (!m) return null;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (lo < 1 || hi > bins || lo > hi) return null;
  return [lo, hi];
}

function RangeCell(props: { value: [number, number]; bins: number; label: string; row: number; col: number; disabled?: boolean; onCommit(v: [number, number]): void }) {
  const [text, setText] = useState(`${props.value[0]}-${props.value[1]}`);
  const [bad, setBad] = useState(false);
  const [lo, hi] = props.value;
  // Rows move (up/down/delete): show the value this row now holds unless the text already says it.
  useEffect(() => {
    setText((t) => {
      const v = parseScoreRange(t, props.bins);
      return v && v[0] === lo && v[1] === hi ? t : `${lo}-${hi}`;
    });
  }, [lo, hi, props.bins]);
  return (
    <Input
      size="small"
      aria-label={props.label}
      aria-invalid={bad}
      data-row={props.row}
      data-col={props.col}
      value={text}
      disabled={props.disabled}
      style={{ width: '3.2em', minWidth: 0 }}
      input={{ style: { width: '100%', minWidth: 0, textAlign: 'center' } }}
      onChange={(_, d) => {
        setText(d.value);
        const v = parseScoreRange(d.value, props.bins);
        setBad(!v);
        if (v) props.onCommit(v);
      }}
    />
  );
}

export function SegmentGrid({ segments, bins, disabled, onChange }: SegmentGridProps) {
  const tr = useT();
  const s = useCommonStyles();
  const set = (i: number, seg: SegmentDef) => onChange(segments.map((x, j) => (j === i ? seg : x)));
  const move = (i: number, d: number) => {
    const next = segments.slice();
    const [seg] = next.splice(i, 1);
    next.splice(i + d, 0, seg);
    onChange(next);
  };
  // Arrow up/down move between the same column of neighbouring rows, like a spreadsheet.
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    const el = e.target as HTMLElement;
    const row = Number(el.dataset.row);
    const col = el.dataset.col;
    if (!Number.isFinite(row) || col === undefined) return;
    const next = e.currentTarget.querySelector<HTMLInputElement>(`[data-row="${row + (e.key === 'ArrowUp' ? -1 : 1)}"][data-col="${col}"]`);
    if (next) {
      e.preventDefault();
      next.focus();
    }
  };
  return (
    <div className={s.tight}>
      <Text size={200} className={s.hint}>
        {tr('rfm.segments.hint', { bins })}
      </Text>
      <div onKeyDown={onKeyDown}>
        <Table size="extra-small" aria-label={tr('rfm.segments')} style={{ tableLayout: 'fixed', width: '100%' }}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{tr('rfm.segment')}</TableHeaderCell>
              {MEASURES.map((m) => (
                <TableHeaderCell key={m} style={{ width: '3.6em', paddingInline: 2 }}>
                  {m.toUpperCase()}
                </TableHeaderCell>
              ))}
              <TableHeaderCell style={{ width: '2.4em', paddingInline: 0 }}>
                <span className={s.srOnly}>{tr('rfm.actions')}</span>
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {segments.map((seg, i) => (
              <SegmentRow key={i} seg={seg} i={i} count={segments.length} bins={bins} disabled={disabled} onSet={(v) => set(i, v)} onMove={(d) => move(i, d)} onDelete={() => onChange(segments.filter((_, j) => j !== i))} />
            ))}
          </TableBody>
        </Table>
      </div>
      <div className={s.row}>
        <Button size="small" icon={<AddRegular />} disabled={disabled || segments.length >= 50} onClick={() => onChange([...segments, { name: tr('rfm.segment.newName'), r: [1, bins], f: [1, bins], m: [1, bins] }])}>
          {tr('rfm.segment.add')}
        </Button>
      </div>
    </div>
  );
}

interface SegmentRowProps {
  seg: SegmentDef;
  i: number;
  count: number;
  bins: number;
  disabled?: boolean;
  onSet(seg: SegmentDef): void;
  onMove(delta: number): void;
  onDelete(): void;
}

/** One segment: its name, its R/F/M ranges, and a menu to move or delete it. */
function SegmentRow({ seg, i, count, bins, disabled, onSet, onMove, onDelete }: SegmentRowProps) {
  const tr = useT();
  const locale = useLocale();
  const name = tierLabel(locale, 'rfm_segment', seg.name);
  return (
    <TableRow>
      <TableCell>
        <Input
          size="small"
          aria-label={tr('rfm.segment.name', { n: i + 1 })}
          data-row={i}
          data-col="name"
          value={name}
          title={name}
          disabled={disabled}
          style={{ width: '100%', minWidth: 0 }}
          input={{ style: { minWidth: 0 } }}
          // Standard segments show their localized name; a typed name is kept as written.
          onChange={(_, d) => d.value.trim() && onSet({ ...seg, name: d.value === name ? seg.name : d.value })}
        />
      </TableCell>
      {MEASURES.map((m, c) => (
        <TableCell key={m} style={{ paddingInline: 2 }}>
          <RangeCell value={seg[m]} bins={bins} row={i} col={c} disabled={disabled} label={tr('rfm.segment.range', { measure: m.toUpperCase(), name })} onCommit={(v) => onSet({ ...seg, [m]: v })} />
        </TableCell>
      ))}
      <TableCell>
        {/* One menu per row keeps the grid narrow enough for the pane. */}
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <Button size="small" appearance="transparent" icon={<MoreVerticalRegular />} disabled={disabled} aria-label={tr('rfm.segment.menu', { name })} style={{ minWidth: 0 }} />
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              <MenuItem icon={<ArrowUpRegular />} disabled={i === 0} onClick={() => onMove(-1)}>
                {tr('rfm.segment.up', { name })}
              </MenuItem>
              <MenuItem icon={<ArrowDownRegular />} disabled={i === count - 1} onClick={() => onMove(1)}>
                {tr('rfm.segment.down', { name })}
              </MenuItem>
              <MenuItem icon={<DeleteRegular />} onClick={onDelete}>
                {tr('rfm.segment.delete', { name })}
              </MenuItem>
            </MenuList>
          </MenuPopover>
        </Menu>
      </TableCell>
    </TableRow>
  );
}
