/**
 * Values as Python source literals. The exported script is code that people run, so text
 * from a race config (which may come from anyone's shared link) only ever enters it through
 * `pyString`: an ASCII-only double-quoted literal in which every character that could end
 * the literal, start an escape (`\N{`, `\x`) or a new line is itself escaped.
 */

/**
 * A string as a Python str literal with the same code points. Astral characters are
 * written `\UXXXXXXXX`, not as a surrogate pair: Python reads "\ud83d\ude00" as two lone
 * surrogates, unlike JSON. A lone surrogate stays one (`\ud800`), as in the JS string.
 */
export function pyString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c <= 0xffff) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** A number or boolean as a Python literal (repr-compatible for finite floats). */
export function pyNumber(x: number | boolean): string {
  if (typeof x === 'boolean') return x ? 'True' : 'False';
  if (Number.isNaN(x)) return "float('nan')";
  if (!Number.isFinite(x)) return x > 0 ? "float('inf')" : "float('-inf')";
  return Number.isInteger(x) && Math.abs(x) < 2 ** 53 ? `${x}.0` : String(x);
}
