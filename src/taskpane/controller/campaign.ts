// Campaign lists from the pane: the customers of the chosen tiers with their contacts (the
// output's campaignRows, as the CLI's --export), as a CSV download (formula-guarded, UTF-8 with
// a BOM so Excel reads 中文) or as a sheet of the add-in's own, written through the port.
import type { TieringConfig } from '../../config';
import type { ClassificationResult, SourceGrid } from '../../engine/types';
import { findHeaderRow } from '../../engine/ingest/layout';
import { formatList, type Locale } from '../../i18n';
import { campaignCsv, campaignRows, type TierSelection } from '../../output/campaign';
import { methodLabel, ruleNames, tierLabel } from '../../output/labels';
import { writeCampaignSheet } from '../../workbook/campaignSheet';
import type { CampaignRequest } from '../components/Playbook';
import type { LoadedSource } from '../state';
import { cancellable, type PaneContext } from './context';


/** The customer table as read, from its header row (titles above it left out), for the contacts. */
function contactGrid(src: LoadedSource | undefined): SourceGrid | undefined {
  if (!src) return undefined;
  const head = findHeaderRow(src.read.values, 'customers');
  return { name: src.read.sheet, values: src.read.values.slice(Math.max(0, head)) };
}

/** "ABC: A, B; Activity: Silent", in the pane's language. */
export function selectionText(locale: Locale, selection: TierSelection, config: TieringConfig): string {
  const rules = ruleNames(config);
  const sep = locale === 'zh-CN' ? '；' : '; ';
  const colon = locale === 'zh-CN' ? '：' : ': ';
  return selection.map((s) => `${methodLabel(locale, s.method, rules)}${colon}${formatList(locale, s.tiers.map((t) => tierLabel(locale, s.method, t)))}`).join(sep);
}

/** The selection as a stable key: the same tiers exported again replace their own sheet. */
export function selectionKey(selection: TierSelection): string {
  return selection.map((s) => `${s.method}=${[...s.tiers].sort().join('+')}`).sort().join(';');
}

export function campaignList(result: ClassificationResult, selection: TierSelection, state: { locale: Locale; config: TieringConfig; sources: { customers?: LoadedSource } }) {
  const { locale, config } = state;
  return campaignRows({ result, selection, locale, config, rules: ruleNames(config), customers: contactGrid(state.sources.customers) });
}

export async function exportCampaign(c: PaneContext, abortRef: { current: AbortController | null }, req: CampaignRequest): Promise<void> {
  const state = c.stateRef.current;
  const { result, locale, config } = state;
  if (!result || !req.selection.length) return;
  await cancellable(c, abortRef, 'export', { stage: 'writing', total: 1 }, async (signal) => {
    const list = campaignList(result, req.selection, state);
    const count = c.fmt(list.rows.length);
    if (req.format === 'csv') {
      const file = `${c.say('mg.export.sheet')}-${result.analysisDate}.csv`;
      c.host.saveFile(file, campaignCsv(list), 'text/csv;charset=utf-8');
      return c.say('campaign.done.csv', { count, file });
    }
    const tiersText = selectionText(locale, req.selection, config);
    const done = await writeCampaignSheet(c.host.port, { list, locale, analysisDate: result.analysisDate, tiersText, key: selectionKey(req.selection), signal });
    return c.say('campaign.done.sheet', { count, sheet: done.sheet });
  });
}
