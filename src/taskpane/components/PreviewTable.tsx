// The first rows of a source as read, in a box that scrolls sideways on its own.
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { CellValue } from '../../workbook/port';
import { useT } from '../i18n';
import { useCommonStyles } from '../styles';

export interface PreviewTableProps {
  headers: string[];
  rows: CellValue[][];
  caption: string;
}

function show(v: CellValue): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return s.length > 24 ? `${s.slice(0, 23)}…` : s;
}

export function PreviewTable({ headers, rows, caption }: PreviewTableProps) {
  const s = useCommonStyles();
  const tr = useT();
  return (
    <div className={s.scrollX} tabIndex={0} role="region" aria-label={tr('data.preview.region', { name: caption })}>
      <Table size="extra-small" className={s.smallTable} aria-label={caption} style={{ width: 'auto' }}>
        <TableHeader>
          <TableRow>
            {headers.map((h, i) => (
              <TableHeaderCell key={i}>{h}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r, i) => (
            <TableRow key={i}>
              {headers.map((_, j) => (
                <TableCell key={j}>{show(r[j] ?? null)}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
