// Data issues with their rows; each one selects its cell in Excel when clicked.
import { Badge, Link, Text } from '@fluentui/react-components';
import { describeIssue } from '../../engine/ingest';
import type { DataIssue } from '../../engine/types';
import { useLocale, useT } from '../i18n';
import { cellAddress } from '../ranges';
import { useCommonStyles } from '../styles';

export interface IssuesListProps {
  issues: DataIssue[];
  /** Total found (the list may be capped). */
  total?: number;
  limit?: number;
  onSelect?(sheet: string, address: string): void;
}

const INTENT = { error: 'danger', warning: 'warning', info: 'informative' } as const;

export function IssuesList({ issues, total, limit = 50, onSelect }: IssuesListProps) {
  const tr = useT();
  const locale = useLocale();
  const s = useCommonStyles();
  if (issues.length === 0) return <Text className={s.hint}>{tr('issues.none')}</Text>;
  const shown = issues.slice(0, limit);
  return (
    <div className={s.tight}>
      <Text size={200}>{tr('issues.count', { count: total ?? issues.length })}</Text>
      <ul style={{ margin: 0, paddingInlineStart: '1.2em', display: 'flex', flexDirection: 'column', gap: 4 }}>
        {shown.map((issue, i) => {
          const where = issue.row > 0 && issue.col !== undefined ? cellAddress(issue.row, issue.col) : null;
          const d = describeIssue(issue, locale);
          const text = `${d.problem} ${d.action}`;
          return (
            <li key={i}>
              <Badge size="small" appearance="tint" color={INTENT[issue.severity]} style={{ marginInlineEnd: 4 }}>
                {tr(`issues.severity.${issue.severity}`)}
              </Badge>
              {where && onSelect ? (
                <Link as="button" onClick={() => onSelect(issue.sheet, where)} title={tr('issues.goto', { cell: `${issue.sheet}!${where}` })}>
                  {d.where}
                </Link>
              ) : (
                <Text size={200} weight="semibold">
                  {d.where}
                </Text>
              )}
              <Text as="p" size={200} style={{ margin: 0 }}>
                {text}
              </Text>
            </li>
          );
        })}
      </ul>
      {issues.length > shown.length && <Text className={s.hint}>{tr('issues.more', { count: issues.length - shown.length })}</Text>}
    </div>
  );
}
