/**
 * Racer colours: the Okabe–Ito hues (distinguishable with the common colour-vision
 * deficiencies), each darkened or lightened just enough to stand out at 3:1 or more (WCAG's
 * contrast for graphics) from both themes' page and panel backgrounds: the yellow became an
 * olive, the orange an ochre, the sky blue a mid blue (tests/ui/palette.test.ts checks it
 * against app.css).
 */
export const PALETTE = ['#0072B2', '#B07D00', '#009E73', '#C2639B', '#D55E00', '#2B8AD0', '#9C8F00', '#868686'] as const;

/** The colour of the racer at `index` unless it has its own. */
export function racerColor(index: number, own?: string): string {
  return own ?? PALETTE[index % PALETTE.length];
}
