// A property computed on first read (then an ordinary data property): large derived arrays are
// built only for a consumer that reads them.

/** `key` on `target` as `build()` on first read; a write replaces it. `settled` runs once either happens. */
export function lazyProperty(target: object, key: string, build: () => unknown, settled?: () => void): void {
  const define = (value: unknown) => {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    settled?.();
  };
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = build();
      define(value);
      return value;
    },
    set(value: unknown) {
      define(value);
    },
  });
}
