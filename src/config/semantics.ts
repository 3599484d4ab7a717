// Config checks the schema's shapes cannot express: names that would silently merge two
// groups. Duplicate ABC labels (["A","A","C"]) put two classes into one; an RFM segment named
// like the fallback for unmatched customers ("Others", 其他 in Chinese) merges with it; two
// segments of one name are one segment.
import { t, type Locale } from '../i18n';
import { OTHERS } from '../engine/columns';
import type { ConfigFieldError } from './validate';
import type { TieringConfig } from './schema';

const fold = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/** The fallback segment's names in every language (what the user sees beside their own segments). */
function reservedSegmentNames(): Set<string> {
  return new Set([OTHERS, t('en-US', 'tier.rfm_segment.Others'), t('zh-CN', 'tier.rfm_segment.Others')].map(fold));
}

/** Field errors for names that would merge groups; empty when there are none. */
export function semanticErrors(config: TieringConfig, locale: Locale): ConfigFieldError[] {
  const errors: ConfigFieldError[] = [];
  const labels = config.methods.abc?.labels ?? [];
  const seen = new Set<string>();
  labels.forEach((label, i) => {
    const k = fold(label);
    if (seen.has(k)) errors.push({ path: `methods.abc.labels.${i}`, message: t(locale, 'config.duplicate_labels', { label }) });
    seen.add(k);
  });
  const reserved = reservedSegmentNames();
  const names = new Set<string>();
  (config.methods.rfm?.segments ?? []).forEach((seg, i) => {
    const k = fold(seg.name);
    if (reserved.has(k)) errors.push({ path: `methods.rfm.segments.${i}.name`, message: t(locale, 'config.reserved_segment', { name: seg.name }) });
    else if (names.has(k)) errors.push({ path: `methods.rfm.segments.${i}.name`, message: t(locale, 'config.duplicate_segment', { name: seg.name }) });
    names.add(k);
  });
  return errors;
}
