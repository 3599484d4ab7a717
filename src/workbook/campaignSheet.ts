// Writes a campaign list as a sheet of the add-in's own, through the port: recorded in the
// registry (pending while it is written, then with its proof) so Remove takes it away and a
// Refresh leaves it as it is (run.ts sets campaign sheets aside). The same selection exported
// again replaces its own sheet, when that sheet is still as we wrote it; an edited one is left
// alone and the new list goes on a sheet of its own.
import type { Locale } from '../i18n';
import { CAMPAIGN_KEY, campaignSheetPlan, isCampaignSheet } from '../output/campaignSheet';
import type { CellValue } from '../output/ops';
import { emptyRegistry, type Registry } from '../output/registry';
import { sheetKey } from '../output/sheetNames';
import type { WorkbookPort, WriteOp } from './port';
import { ownedState } from './run';
import { loadRegistry, saveRegistry } from './state';

export interface CampaignSheetOptions {
  list: { headers: string[]; rows: CellValue[][] };
  locale: Locale;
  analysisDate: string;
  tiersText: string;
  /** The selection, e.g. "abc=A;activity=silent" (the registry key). */
  key: string;
  signal?: AbortSignal;
}

export async function writeCampaignSheet(port: WorkbookPort, o: CampaignSheetOptions): Promise<{ sheet: string; customers: number }> {
  const owned = await ownedState(port, o.locale);
  const stored = (await loadRegistry(port, o.locale)).registry ?? emptyRegistry(owned.registryId);
  const old = owned.previous?.sheets.find((s) => isCampaignSheet(s) && s.key === `${CAMPAIGN_KEY}${o.key}`);
  const onOld = (sheet: string) => old !== undefined && sheetKey(sheet) === sheetKey(old.name);
  const [sheets, tables] = await Promise.all([port.listSheets(), port.listTables()]);
  const oldTables = new Set(stored.tables.filter((x) => onOld(x.sheet)).map((x) => x.name.toLowerCase()));
  const plan = campaignSheetPlan({
    ...o,
    registryId: owned.registryId,
    sheets: sheets.map((s) => s.name).filter((n) => !onOld(n)),
    tables: tables.map((x) => x.name).filter((n) => !oldTables.has(n.toLowerCase())),
  });
  const ops: WriteOp[] = [...(old ? [{ op: 'deleteSheet', name: old.name } as WriteOp] : []), ...plan.ops];
  await port.checkWritable?.(ops);
  const rest: Registry = { ...stored, sheets: stored.sheets.filter((s) => !onOld(s.name)), tables: stored.tables.filter((x) => !onOld(x.sheet)) };
  const next: Registry = { ...rest, sheets: [...rest.sheets, plan.sheet], tables: [...rest.tables, ...plan.tables] };
  // Saved before writing: a sheet left half written is still found (by its marker) and removed.
  await saveRegistry(port, { ...next, sheets: [...rest.sheets, { ...plan.sheet, pending: true }] });
  await port.write(ops, { signal: o.signal });
  await saveRegistry(port, next);
  return { sheet: plan.name, customers: o.list.rows.length };
}
