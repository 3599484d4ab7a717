import { readNotes } from '../../src/workbook/readNotes';

test('a million hidden rows are noted with the first one (no spread of the list into one call)', () => {
  const hiddenRows = Array.from({ length: 1_048_000 }, (_, i) => i + 576);
  const notes = readNotes({ sheet: 'Orders', address: 'A1:C1048576', row: 0, col: 0, values: [], hiddenRows, dateSystem: 1900 });
  expect(notes).toEqual([expect.objectContaining({ code: 'source_hidden_rows', params: expect.objectContaining({ count: 1_048_000, row: 577 }) })]);
});
