// Customer names carried by the orders (客户编号 and 客户名称 side by side): the first
// non-empty name per customer is kept; a customer whose rows give other names too is counted
// and said in one note (with an example), never merged or split silently.
import { fastTrim, isBlank } from './cells';
import type { GridNote } from './layout';
import type { GridPlace } from './issues';

export class OrderNames {
  private readonly byCode: (string | null | undefined)[] = [];
  /** Customer codes seen with a second, different name, and the first such name. */
  private readonly other = new Map<number, string>();

  constructor(readonly col: number) {}

  /** A kept row's cell `v` in the name column `col`, for customer `code`. */
  see(code: number, v: unknown): void {
    // The usual case: the same name again (often the same string: a sheet's reader shares them).
    if (v === this.byCode[code]) return;
    const name = isBlank(v) ? null : typeof v === 'string' ? fastTrim(v) : String(v);
    const known = this.byCode[code];
    if (known === undefined || known === null) this.byCode[code] = name;
    else if (name !== null && name !== known && !this.other.has(code)) this.other.set(code, name);
  }

  names(customers: number): (string | null)[] {
    const out = new Array<string | null>(customers);
    for (let c = 0; c < customers; c++) out[c] = this.byCode[c] ?? null;
    return out;
  }

  notes(place: GridPlace, keys: readonly string[]): GridNote[] {
    const column = place.headers[this.col];
    const notes: GridNote[] = [{ code: 'names_from_orders', params: { column } }];
    if (this.other.size > 0) {
      const [code, second] = this.other.entries().next().value as [number, string];
      notes.push({ code: 'names_several', params: { column, count: this.other.size, customer: keys[code], name: this.byCode[code] ?? '', other: second } });
    }
    return notes;
  }
}
