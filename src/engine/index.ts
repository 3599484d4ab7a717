// Public face of the engine: classify and the shapes it works with.
export { classify, classifyIngested } from './classify';
export * from './types';
export { computeMetrics, compareIds, DAYS_PER_MONTH, MIN_RATE_WINDOW_DAYS } from './metrics';
export { dayToIso, isoToDay } from './calendar';
export type { CustomerMetrics, MetricsOptions, MetricsRun } from './metrics';
export { classifyAbc, abcLabels, DEFAULT_CUTS as ABC_DEFAULT_CUTS } from './methods/abc';
export { scoreRfm, effectiveSegments, segmentWarnings, DEFAULT_SEGMENTS_5, OTHERS } from './methods/rfm';
export { classifyActivity, ACTIVITY_TIERS, FREQUENCY_TIERS, SPEND_TIERS, CHURN_TIERS } from './methods/activity';
export { summarise } from './summaries';
