// Proxy objects: created empty, resolved when the request runs, readable only after
// load() + sync(). Writes are queued and applied at sync, as in office.js.
import { fail } from './errors';
import type { FakeRequestContext } from './context';

const NOT_LOADED = (name: string) =>
  `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`;

/** Turns load()'s argument ("a, b", ["a"], {select: "a"}, "items/a") into property names. */
export function loadNames(spec: unknown): { names: string[] | null; items: string[] | null } {
  let list: string[] | null = null;
  if (typeof spec === 'string') list = spec.split(',');
  else if (Array.isArray(spec)) list = spec.map(String);
  else if (spec && typeof spec === 'object') {
    const sel = (spec as { select?: unknown }).select;
    if (typeof sel === 'string') list = sel.split(',');
    else if (Array.isArray(sel)) list = sel.map(String);
  }
  if (!list) return { names: null, items: null };
  const names: string[] = [];
  const items: string[] = [];
  for (const raw of list.map((s) => s.trim()).filter(Boolean)) {
    if (raw.startsWith('items/')) items.push(raw.slice(6));
    else if (raw.includes('/')) fail('InvalidArgument', `The fake does not load nested paths ("${raw}"); load the child object.`);
    else names.push(raw);
  }
  return { names, items };
}

export abstract class FakeProxy<T> {
  /** undefined: not resolved yet; null: a null object. */
  _target: T | null | undefined = undefined;
  protected readonly _props = new Map<string, unknown>();
  private _nullable = false;
  /** Sub-objects (a range's fill, font) find their target each time a command runs. */
  private _lazy?: () => T;

  constructor(
    readonly context: FakeRequestContext,
    resolve: (() => T | null) | T,
    nullable = false,
    lazy = false,
  ) {
    this._nullable = nullable;
    if (lazy && typeof resolve === 'function') {
      this._lazy = resolve as () => T;
      this._props.set('isNullObject', false);
    } else if (typeof resolve === 'function') {
      const fn = resolve as () => T | null;
      context.enqueue({
        run: () => {
          this._target = fn();
          if (this._target === null && !nullable) fail('ItemNotFound', 'The requested resource does not exist.');
          const isNull = this._target === null;
          return { commit: () => this._props.set('isNullObject', isNull) };
        },
      });
    } else {
      this._target = resolve;
      this._props.set('isNullObject', false);
    }
  }

  /** Scalar properties this object can load, computed from its target when the request runs. */
  protected abstract readonly _loadable: Record<string, (t: T) => unknown>;

  get isNullObject(): boolean {
    if (!this._nullable) return false;
    return this._prop('isNullObject') as boolean;
  }

  /** The target, when the request runs; null objects and deleted items fail. */
  protected _t(): T {
    if (this._lazy) return this._lazy();
    if (this._target === undefined) fail('InvalidObjectPath', 'The object path is not valid (used before it was created).');
    if (this._target === null) fail('ItemNotFound', 'The requested resource does not exist (null object).');
    const t = this._target as T & { deleted?: boolean };
    if (t.deleted) fail('ItemNotFound', 'The requested resource has been deleted.');
    return t;
  }

  protected _prop(name: string): unknown {
    if (!this._props.has(name)) fail('PropertyNotLoaded', NOT_LOADED(name));
    return this._props.get(name);
  }

  /** A property write: visible to reads at once (office.js keeps it), applied at sync. */
  protected _set(name: string, value: unknown, apply: (t: T) => void, write = true): void {
    this._props.set(name, value);
    this.context.enqueue({ write, run: () => apply(this._t()) }, value);
  }

  /** A method call queued for sync. */
  protected _call(apply: (t: T) => void, payload?: unknown, write = true): void {
    this.context.enqueue({ write, run: () => apply(this._t()) }, payload);
  }

  load(spec?: unknown): this {
    const { names } = loadNames(spec);
    const wanted = names ?? Object.keys(this._loadable).filter((n) => !HEAVY.has(n));
    for (const n of wanted) if (!(n in this._loadable)) fail('InvalidArgument', `Property "${n}" cannot be loaded on this object.`);
    this.context.enqueue({
      run: () => {
        if (this._target === null) return { commit: () => this._props.set('isNullObject', true) };
        const t = this._t();
        const data: Record<string, unknown> = {};
        for (const n of wanted) data[n] = this._loadable[n](t);
        return { data, commit: () => wanted.forEach((n) => this._props.set(n, data[n])) };
      },
    });
    return this;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._props);
  }
}

/** Loaded only on request (a plain load() of a range does not fetch every value). */
const HEAVY = new Set(['values', 'formulas', 'numberFormat', 'text', 'valueTypes']);

/** A loaded collection: `items` after load(). */
export abstract class FakeCollection<T, P> {
  private _items: P[] | undefined;
  constructor(readonly context: FakeRequestContext) {}
  protected abstract _list(): T[];
  protected abstract _wrap(t: T): P & { load(spec?: unknown): unknown };

  get items(): P[] {
    if (!this._items) fail('PropertyNotLoaded', NOT_LOADED('items'));
    return this._items;
  }

  load(spec?: unknown): this {
    const { names, items } = loadNames(spec);
    const props = [...(items ?? []), ...(names ?? [])].filter((n) => n !== 'items' && n !== 'count');
    this.context.enqueue({
      run: () => {
        const wraps = this._list().map((t) => this._wrap(t) as unknown as LoadableProxy<T>);
        const rows = wraps.map((w) => {
          const loadable = w._loadable;
          const wanted = props.length ? props : Object.keys(loadable).filter((n) => !HEAVY.has(n));
          const row: Record<string, unknown> = {};
          for (const n of wanted) {
            if (!(n in loadable)) fail('InvalidArgument', `Property "${n}" cannot be loaded on this object.`);
            row[n] = loadable[n](w._target as T);
          }
          return row;
        });
        return {
          data: rows,
          commit: () => {
            wraps.forEach((w, i) => Object.entries(rows[i]).forEach(([n, v]) => w._props.set(n, v)));
            this._items = wraps as unknown as P[];
          },
        };
      },
    });
    return this;
  }
}

interface LoadableProxy<T> {
  _target: T | null | undefined;
  _loadable: Record<string, (t: T) => unknown>;
  _props: Map<string, unknown>;
}

/** office.js's ClientResult: value readable after sync. */
export class FakeClientResult<V> {
  private _value: V | undefined;
  private _ready = false;
  get value(): V {
    if (!this._ready) fail('PropertyNotLoaded', NOT_LOADED('value'));
    return this._value as V;
  }
  _resolve(v: V): void {
    this._value = v;
    this._ready = true;
  }
}
