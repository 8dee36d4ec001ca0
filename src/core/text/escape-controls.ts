/**
 * Text from a config (racer ids, names, CSV headers) shown in a terminal or in a one-line
 * message: control characters become `\uXXXX`, so an id cannot move the cursor, retitle the
 * window (ESC ] … BEL), clear the screen, or break a message over two lines. Covered: C0
 * (including ESC, CR, LF), DEL, C1, the Unicode line and paragraph separators and the
 * bidirectional overrides that can make a line read differently from what it holds.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control character written `\uXXXX`, except those in `keep`. */
export function escapeControls(text: string, keep = ''): string {
  return text.replace(CONTROL, (c) => (keep.includes(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
