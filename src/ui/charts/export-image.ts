/**
 * Chart export: an on-screen <svg> to a standalone SVG file or a PNG. A chart's colours
 * come from the page's stylesheet and its CSS custom properties (--fg, --grid, … so a
 * parent can theme it); a file on its own has neither, so every element's computed style
 * is written into its `style` attribute first. Pure functions, but for the last two that
 * need a browser (an Image and a canvas; a link click).
 */

/** The style properties that decide how an SVG mark looks. */
export const EXPORTED_STYLES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'visibility',
] as const;

export type StyleOf = (element: Element) => Pick<CSSStyleDeclaration, 'getPropertyValue'>;

/** Of EXPORTED_STYLES, the ones a child does not inherit, with their initial values. */
const NOT_INHERITED: Record<string, string> = { opacity: '1' };

/**
 * Writes each element's computed style into the matching element of `clone`, which must
 * have the same structure (a deep clone of `source`). To keep the file small, an element
 * gets only what it would not inherit anyway: values that differ from its parent's (or,
 * for opacity, from the initial value).
 */
export function inlineStyles(source: Element, clone: Element, styleOf: StyleOf, properties: readonly string[] = EXPORTED_STYLES, parent: ReadonlyMap<string, string> | null = null): void {
  const style = styleOf(source);
  const values = new Map(properties.map((p) => [p, style.getPropertyValue(p).trim()]));
  const declarations = [...values].flatMap(([p, value]) => {
    const implied = p in NOT_INHERITED ? NOT_INHERITED[p] : parent?.get(p);
    return value && value !== implied ? [`${p}:${value}`] : [];
  });
  if (declarations.length) clone.setAttribute('style', declarations.join(';'));
  for (let i = 0; i < source.children.length; i++) inlineStyles(source.children[i], clone.children[i], styleOf, properties, values);
}

/** The drawn size of an SVG: its width and height attributes, else its viewBox. */
export function svgSize(svg: Element): { width: number; height: number } {
  const width = Number.parseFloat(svg.getAttribute('width') ?? '');
  const height = Number.parseFloat(svg.getAttribute('height') ?? '');
  if (width > 0 && height > 0) return { width, height };
  const box = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  return box.length === 4 && box[2] > 0 && box[3] > 0 ? { width: box[2], height: box[3] } : { width: 640, height: 400 };
}

export interface SerializeOptions {
  /** Computed styles; getComputedStyle in a browser. */
  styleOf?: StyleOf;
  /** The background to paint; else the chart's --bg, else white. */
  background?: string;
}

/**
 * A standalone SVG document for `svg`: computed styles inlined, a background rectangle
 * (a transparent PNG on a dark page would lose its dark theme's text), the accessible
 * label as its <title>, and elements marked data-export="skip" (a hover crosshair) and
 * comments left out.
 */
export function serializeSvg(svg: SVGSVGElement, options: SerializeOptions = {}): string {
  const styleOf = options.styleOf ?? ((el: Element) => getComputedStyle(el));
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone, styleOf);
  for (const skipped of clone.querySelectorAll('[data-export="skip"]')) skipped.remove();
  // Framework markers (Svelte's <!---->) mean nothing in a file.
  const comments = clone.ownerDocument.createTreeWalker(clone, NodeFilter.SHOW_COMMENT);
  const found: Node[] = [];
  while (comments.nextNode()) found.push(comments.currentNode);
  for (const comment of found) comment.parentNode?.removeChild(comment);
  const ns = 'http://www.w3.org/2000/svg';
  const { width, height } = svgSize(svg);
  clone.setAttribute('xmlns', ns);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const background = options.background ?? (styleOf(svg).getPropertyValue('--bg').trim() || '#fff');
  const rect = clone.ownerDocument.createElementNS(ns, 'rect');
  rect.setAttribute('width', '100%');
  rect.setAttribute('height', '100%');
  rect.setAttribute('fill', background);
  clone.insertBefore(rect, clone.firstChild);
  const label = svg.getAttribute('aria-label');
  if (label && !clone.querySelector(':scope > title')) {
    const title = clone.ownerDocument.createElementNS(ns, 'title');
    title.textContent = label;
    clone.insertBefore(title, clone.firstChild);
  }
  return new XMLSerializer().serializeToString(clone);
}

/** A file name from a chart title: "Loss per epoch" → "optirace-loss-per-epoch". */
export function fileName(title: string, extension: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // accents, split off by NFKD: "û" → "u"
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `optirace-${slug || 'chart'}.${extension}`;
}

/** Rasterizes SVG text at `scale`× (2 for sharp prints and high-density screens). Browser only. */
export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw on a canvas');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves a blob as a file through a temporary link. Browser only. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
