// Our output the user edited since we wrote it (a sheet with our marker whose cells changed, a
// tier block under our headers whose cells changed): most likely notes the user typed. It is
// never replaced silently: a refresh stops and names it, unless the user chose to keep it
// (left as it is, given up: it becomes the user's and fresh output goes beside it) or to
// replace it.
import { t, type Locale } from '../i18n';
import type { Registry } from '../output/registry';
import { itemWhere, type ProblemItem, type StateProblem } from './state';

export type EditChoice = 'stop' | 'keep' | 'replace';

const EDITED = new Set<StateProblem['code']>(['sheetEdited', 'columnsEdited']);

/** The edited items among a run's problems. */
export function editedItems(problems: readonly StateProblem[]): StateProblem[] {
  return problems.filter((p) => EDITED.has(p.code));
}

/** One edited item, for a list: 'sheet "ABC-A customers"', 'tier columns 客户!F1:K151'. */
export function editedItemText(item: ProblemItem | undefined, locale: Locale): string {
  if (!item) return '';
  return item.kind === 'sheet' ? t(locale, 'out.edits.item.sheet', { sheet: item.name }) : t(locale, 'out.edits.item.columns', { where: itemWhere(item) });
}

export function editedListText(items: readonly StateProblem[], locale: Locale): string {
  return items.map((p) => editedItemText(p.item, locale)).join(locale === 'zh-CN' ? '；' : '; ');
}

/** A refresh stopped because our output was edited; nothing was read or written. */
export class EditedOutputError extends Error {
  constructor(
    readonly items: StateProblem[],
    locale: Locale,
  ) {
    super(t(locale, 'out.edits.stop', { items: editedListText(items, locale) }));
    this.name = 'EditedOutputError';
  }
}

interface Owned {
  previous: Registry | null;
  edited: Registry | null;
  problems: StateProblem[];
}

/**
 * What a run may replace after the user's choice about edited output: `previous` (verified, plus
 * the edited items when 'replace'), `kept` (the edited items when 'keep'), and the problems to
 * report, edited items told as kept or replaced. 'stop' with edits throws EditedOutputError.
 */
export function applyEditChoice(owned: Owned, choice: EditChoice, locale: Locale, task: 'refresh' | 'remove' = 'refresh'): { previous: Registry | null; kept: Registry | null; problems: StateProblem[] } {
  const edited = owned.edited;
  if (!edited || !(edited.sheets.length || edited.columns.length)) return { previous: owned.previous, kept: null, problems: owned.problems };
  if (choice === 'stop') throw new EditedOutputError(editedItems(owned.problems), locale);
  const key = choice === 'replace' ? 'out.edits.replaced' : task === 'remove' ? 'out.edits.keptOnRemove' : 'out.edits.kept';
  const problems = owned.problems.map((p) => (EDITED.has(p.code) ? { ...p, message: t(locale, key, { item: editedItemText(p.item, locale) }) } : p));
  if (choice === 'keep') return { previous: owned.previous, kept: edited, problems };
  const prev = owned.previous ?? { ...edited, sheets: [], columns: [], tables: [], charts: [] };
  const previous: Registry = {
    ...prev,
    sheets: [...prev.sheets, ...edited.sheets],
    columns: [...prev.columns, ...edited.columns],
    tables: [...prev.tables, ...edited.tables],
    charts: [...prev.charts, ...edited.charts],
  };
  return { previous, kept: null, problems };
}
