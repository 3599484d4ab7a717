// The facts query with the facts table's headings (engine/factsTable.ts): what
// `customer-tiers sql` prints, so a database user pastes its result (headings included) into a
// sheet and the pane loads it as customer facts. It wraps the facts query (sql/facts.ts) and
// adds the run's own columns: the analysis date as a DATE, and the returns policy and churn
// window from the same bound parameters (never a second copy that could disagree).
import type { Locale } from '../../i18n';
import { FACTS_FIELDS, factsHeadings } from '../factsTable';
import { DIALECT, type Dialect } from './dialects';
import { factsSql, type BoundSql, type FactsQueryInput } from './facts';

/** A day number (days since 1970-01-01) → DATE, per dialect. */
const DAY_TO_DATE: Record<Dialect, (e: string) => string> = {
  duckdb: (e) => `CAST(DATE '1970-01-01' + CAST(${e} AS INTEGER) AS DATE)`,
  postgres: (e) => `(DATE '1970-01-01' + CAST(${e} AS INTEGER))`,
  spark: (e) => `DATE_ADD(DATE '1970-01-01', CAST(${e} AS INT))`,
  bigquery: (e) => `DATE_FROM_UNIX_DATE(CAST(${e} AS INT64))`,
  snowflake: (e) => `DATEADD(day, ${e}, DATE '1970-01-01')`,
  mysql: (e) => `DATE_ADD(DATE '1970-01-01', INTERVAL ${e} DAY)`,
  clickhouse: (e) => `addDays(toDate('1970-01-01'), ${e})`,
};

/** The facts query, its columns named and typed as the facts table's, in `locale`. */
export function factsSheetSql(input: FactsQueryInput, locale: Locale): BoundSql {
  const d = DIALECT[input.dialect];
  const inner = factsSql(input);
  const toDate = DAY_TO_DATE[input.dialect];
  // The run's parameters once more, after the inner query (so `?` dialects bind them in text order).
  const param = (name: string) => `CAST(${d.placeholder(inner.names.indexOf(name) + 1, 'int')} AS INTEGER)`;
  const headings = factsHeadings(locale);
  const select = FACTS_FIELDS.map((f, i) => {
    const as = d.ident(headings[i]);
    if (f.key === 'returns') return `CASE WHEN q.net = 1 THEN 'net' ELSE 'exclude' END AS ${as}`;
    if (f.key === 'windowDays') return `q.w AS ${as}`;
    if (f.type === 'date') return `${toDate(`f.${f.sql}`)} AS ${as}`;
    return `f.${f.sql} AS ${as}`;
  });
  const sql = `SELECT\n  ${select.join(',\n  ')}\nFROM (\n${inner.sql.trimEnd()}\n) f\nCROSS JOIN (SELECT ${param('window_days')} AS w, ${param('net')} AS net) q\n`;
  // Numbered placeholders reuse the inner query's; `?` ones add the two values at the end.
  const params = d.positional ? [...inner.params, input.windowDays, input.returns === 'net' ? 1 : 0] : inner.params;
  return { sql, params, names: d.positional ? [...inner.names, 'window_days', 'net'] : inner.names };
}
