// The grids as ingest reads them: each cut to its table (layout.ts), and the notes of the run
// about where the data was and how it was read, in the order the user reads a source.
import type { TieringConfig } from '../../config/schema';
import type { InputTables } from '../types';
import type { CustomersIngest } from './customers';
import { locateTable, type GridNote } from './layout';
import type { OrdersIngest } from './orders';

export function locatedTables(input: InputTables, given: Partial<TieringConfig['columns']>): { tables: InputTables; notes: GridNote[] } {
  const tables: InputTables = {};
  const notes: GridNote[] = [];
  for (const kind of ['orders', 'customers'] as const) {
    const grid = input[kind];
    if (!grid) continue;
    notes.push(...(grid.notes ?? []));
    const located = locateTable(grid, kind, (given[kind] ?? {}) as Record<string, string | undefined>);
    tables[kind] = located.grid;
    notes.push(...located.notes);
  }
  return { tables, notes };
}

/** Reader and layout notes, then how the orders were read; names from the orders only when the customer list gives none. */
export function sourceNotes(notes: GridNote[], orders: OrdersIngest | null, customers: CustomersIngest | null): GridNote[] {
  const listNames = !!customers?.data.name;
  const fromOrders = (orders?.notes ?? []).filter((n) => !(listNames && n.code.startsWith('names_')));
  return [...notes, ...fromOrders];
}
