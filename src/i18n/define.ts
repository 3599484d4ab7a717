// The shape of a message module: English defines the keys, Chinese must have every one of
// them (a missing translation is a compile error, not a test failure).
export function defineMessages<const E extends Record<string, string>>(m: { en: E; zh: { [K in keyof E]: string } }): { en: E; zh: { [K in keyof E]: string } } {
  return m;
}
