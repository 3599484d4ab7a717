import { hasMessage } from '../../../src/i18n';
import { messages } from '../../../src/i18n/messages/ingest';
import '../../../src/engine/ingest'; // registers the catalogue

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('ingest messages', () => {
  test('English and Chinese have the same keys and the same placeholders', () => {
    expect(Object.keys(messages.zh).sort()).toEqual(Object.keys(messages.en).sort());
    for (const [key, en] of Object.entries(messages.en)) {
      expect([key, placeholders(messages.zh[key as keyof typeof messages.zh])]).toEqual([key, placeholders(en)]);
    }
  });

  const codes = [
    'id_blank', 'amount_blank', 'amount_not_number', 'profit_not_number', 'number_not_number', 'date_blank', 'date_invalid',
    'date_ambiguous', 'date_order_conflict', 'date_formats_mixed', 'excel_error', 'duplicate_customer', 'unknown_customer',
    'order_id_blank', 'customers_empty', 'issues_truncated',
  ];
  test.each(codes)('issue %s has a problem and an action, registered', (code) => {
    expect(hasMessage(`issue.${code}.problem`)).toBe(true);
    expect(hasMessage(`issue.${code}.action`)).toBe(true);
  });

  test.each(['no_input', 'no_valid_rows', 'missing_column', 'mapped_column_missing'])('error %s', (code) => {
    expect(hasMessage(`error.${code}`)).toBe(true);
  });
});
