/**
 * Where a key moves the loss chart's crosshair, among the recorded positions (sorted, no
 * repeats): arrows to the next or previous one, Page Up/Down ten at a time, Home and End
 * to the ends; Escape hides it (null). From nowhere, forward keys start at the first
 * position and backward keys at the last. Undefined for a key the crosshair ignores.
 */
export function crosshairStep(positions: readonly number[], current: number | null, key: string): number | null | undefined {
  if (key === 'Escape') return null;
  const n = positions.length;
  if (n === 0) return undefined;
  const jumps: Record<string, number> = { ArrowRight: 1, ArrowUp: 1, PageUp: 10, ArrowLeft: -1, ArrowDown: -1, PageDown: -10, Home: -Infinity, End: Infinity };
  const jump = jumps[key];
  if (jump === undefined) return undefined;
  if (jump === -Infinity) return positions[0];
  if (jump === Infinity) return positions[n - 1];
  if (current === null) return jump > 0 ? positions[0] : positions[n - 1];
  // The index of the position at the crosshair, or of the gap it is in (between i−1 and i).
  const after = positions.findIndex((p) => p > current);
  const at = after === -1 ? n : after; // first index past the crosshair
  const on = at > 0 && positions[at - 1] === current;
  const index = jump > 0 ? at - 1 + jump : (on ? at - 1 : at) + jump;
  return positions[Math.min(n - 1, Math.max(0, index))];
}
