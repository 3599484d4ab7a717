// A campaign list as a sheet of the add-in's own (the pane's "a new sheet in this workbook"): the
// marker, a title, and the list as an Excel table. Pure: the ops and the registry entries with the
// sheet's proof (the same marker and content hash as every other sheet we make), so Remove takes
// it away and nothing of the user's is ever taken for it. workbook/campaignSheet.ts writes it.
import { t, type Locale } from '../i18n';
import { SheetBuilder, cleanOps } from './cells';
import { TAB_COLOR } from './labels';
import type { CellValue, PlanOp } from './ops';
import { writeTable } from './plan';
import { withSheetProof } from './proof';
import { MARKER_COL, MARKER_ROW, emptyRegistry, markerToken, type Registry, type RegistrySheet } from './registry';
import { sheetKey, uniqueSheetName, uniqueTableName } from './sheetNames';

/** Registry keys of campaign sheets start with this (role `group`, like the other list sheets). */
export const CAMPAIGN_KEY = 'campaign:';

export function isCampaignSheet(s: Pick<RegistrySheet, 'key'>): boolean {
  return Boolean(s.key?.startsWith(CAMPAIGN_KEY));
}

export interface CampaignSheetInput {
  list: { headers: string[]; rows: CellValue[][] };
  locale: Locale;
  registryId: string;
  analysisDate: string;
  /** The chosen tiers in words, for the title ("ABC: A; Activity: Silent"). */
  tiersText: string;
  /** Registry key: the same selection exported again replaces its sheet. */
  key: string;
  /** Sheet and table names in the workbook now (a sheet being replaced left out). */
  sheets: readonly string[];
  tables: readonly string[];
}

export interface CampaignSheetPlan {
  name: string;
  ops: PlanOp[];
  /** The sheet (with its proof) and its table, to add to the registry. */
  sheet: RegistrySheet;
  tables: Registry['tables'];
}

export function campaignSheetPlan(inp: CampaignSheetInput): CampaignSheetPlan {
  const L = inp.locale;
  const name = uniqueSheetName(t(L, 'mg.export.sheet'), new Set(inp.sheets.map(sheetKey)));
  const reg = emptyRegistry(inp.registryId);
  reg.sheets.push({ name, role: 'group', key: `${CAMPAIGN_KEY}${inp.key}`.slice(0, 200) });
  const b = new SheetBuilder(name);
  b.ops.push({ op: 'addSheet', name, tabColor: TAB_COLOR });
  b.ops.push({ op: 'values', sheet: name, row: MARKER_ROW, col: MARKER_COL, values: [[t(L, 'out.marker', { date: inp.analysisDate, marker: markerToken(inp.registryId) })]] });
  b.title(t(L, 'campaign.sheetTitle', { tiers: inp.tiersText, count: new Intl.NumberFormat(L).format(inp.list.rows.length) }));
  b.markerRow();
  b.row++;
  const taken = new Set(inp.tables.map((x) => x.toLowerCase()));
  const revenueCol = inp.list.headers.length - 1;
  writeTable(b, inp.list.headers, inp.list.rows, inp.list.headers.map((_, j) => (j === revenueCol ? 'revenue' : j === 1 ? 'name' : '')), uniqueTableName('CT_Campaign', taken), reg);
  const ops = cleanOps(b.ops);
  const proved = withSheetProof(reg, ops);
  return { name, ops, sheet: proved.sheets[0], tables: proved.tables };
}
