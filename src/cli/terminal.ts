// Text for a terminal: cell values (customer ids, names, sheet names) can carry escape
// sequences that would recolour, retitle or rewrite the user's terminal; they are shown as
// visible code points instead. Line feeds and tabs stay (the summary's own layout).

// C0 controls except \t and \n, DEL, and C1 controls (U+0080–U+009F, 8-bit CSI among them).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `s` with every control character (ESC, CR, BEL, CSI …) replaced by a visible `\xNN`. */
export function safeText(s: string): string {
  return s.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function writeOut(s: string): void {
  process.stdout.write(safeText(s));
}

export function writeErr(s: string): void {
  process.stderr.write(safeText(s));
}
