// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fileName, inlineStyles, serializeSvg, svgSize } from '../../../src/ui/charts/export-image.ts';
import { chartWidth } from '../../../src/ui/charts/chart-width.ts';

/** A fake getComputedStyle: what the page's stylesheet and custom properties resolve to, per element. */
function styles(table: Record<string, Record<string, string>>) {
  return (el: Element) => ({ getPropertyValue: (p: string) => table[el.getAttribute('data-k') ?? el.tagName]?.[p] ?? '' });
}

function svgFrom(markup: string): SVGSVGElement {
  const host = document.createElement('div');
  host.innerHTML = markup;
  return host.querySelector('svg')!;
}

describe('inlineStyles', () => {
  it('writes each element\'s resolved colours into its style attribute', () => {
    const svg = svgFrom('<svg><g data-k="axis"><text data-k="label">x</text><line data-k="grid"/></g></svg>');
    const clone = svg.cloneNode(true) as Element;
    // e.g. fill: var(--fg, #222) under a dark theme where --fg is #eee
    inlineStyles(svg, clone, styles({ label: { fill: 'rgb(238, 238, 238)', 'font-size': '11px' }, grid: { stroke: 'rgb(51, 51, 51)' } }), ['fill', 'stroke', 'font-size']);
    expect(clone.querySelector('text')!.getAttribute('style')).toBe('fill:rgb(238, 238, 238);font-size:11px');
    expect(clone.querySelector('line')!.getAttribute('style')).toBe('stroke:rgb(51, 51, 51)');
    expect(clone.querySelector('g')!.hasAttribute('style')).toBe(false);
    // the page's own element is untouched
    expect(svg.querySelector('text')!.hasAttribute('style')).toBe(false);
  });

  it('writes only what an element would not inherit from its parent', () => {
    const svg = svgFrom('<svg data-k="root"><g data-k="same"><text data-k="other">x</text></g></svg>');
    const clone = svg.cloneNode(true) as Element;
    inlineStyles(
      svg,
      clone,
      styles({
        root: { fill: 'rgb(34, 34, 34)', opacity: '1' },
        same: { fill: 'rgb(34, 34, 34)', opacity: '0.5' }, // inherits the fill; opacity is not inherited
        other: { fill: 'rgb(102, 102, 102)', opacity: '1' }, // 1 is opacity's initial value
      }),
      ['fill', 'opacity'],
    );
    expect(clone.getAttribute('style')).toBe('fill:rgb(34, 34, 34)');
    expect(clone.querySelector('g')!.getAttribute('style')).toBe('opacity:0.5');
    expect(clone.querySelector('text')!.getAttribute('style')).toBe('fill:rgb(102, 102, 102)');
  });
});

describe('serializeSvg', () => {
  const svg = svgFrom(
    '<svg data-chart role="img" aria-label="Loss per epoch" width="300" height="200"><!----><path data-k="line" d="M0,0L1,1"/><g data-export="skip"><line/></g></svg>',
  );
  const text = serializeSvg(svg, { styleOf: styles({ svg: { '--bg': ' #111 ' }, line: { stroke: 'rgb(0, 114, 178)' } }) });

  it('is a standalone SVG document of the same size', () => {
    expect(text).toMatch(/^<svg[^>]* xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).toContain('width="300"');
    expect(text).toContain('height="200"');
  });

  it('paints the theme\'s background and keeps the resolved colours', () => {
    expect(text).toContain('<rect width="100%" height="100%" fill="#111"');
    expect(text).toContain('style="stroke:rgb(0, 114, 178)"');
  });

  it('titles the file with the chart\'s label and leaves out what is marked to skip', () => {
    expect(text).toContain('<title>Loss per epoch</title>');
    expect(text).not.toContain('data-export="skip"');
    expect(text).not.toContain('<!--');
  });

  it('falls back to white without a --bg', () => {
    expect(serializeSvg(svg, { styleOf: styles({}) })).toContain('fill="#fff"');
  });
});

describe('svgSize', () => {
  it.each([
    { markup: '<svg width="300" height="200"></svg>', expected: { width: 300, height: 200 } },
    { markup: '<svg viewBox="0 0 640 384"></svg>', expected: { width: 640, height: 384 } },
    { markup: '<svg></svg>', expected: { width: 640, height: 400 } },
  ])('$markup', ({ markup, expected }) => {
    expect(svgSize(svgFrom(markup))).toEqual(expected);
  });
});

describe('fileName', () => {
  it.each([
    { title: 'Loss', ext: 'svg', expected: 'optirace-loss.svg' },
    { title: 'Paths through parameter space', ext: 'png', expected: 'optirace-paths-through-parameter-space.png' },
    { title: 'Coût / époque!', ext: 'png', expected: 'optirace-cout-epoque.png' },
    { title: '***', ext: 'svg', expected: 'optirace-chart.svg' },
  ])('$title → $expected', ({ title, ext, expected }) => {
    expect(fileName(title, ext)).toBe(expected);
  });
});

describe('chartWidth', () => {
  it.each([
    { measured: 480, expected: 480 },
    { measured: 0, expected: 640 }, // jsdom, or before layout
    { measured: undefined, expected: 640 },
  ])('$measured → $expected', ({ measured, expected }) => {
    expect(chartWidth(measured)).toBe(expected);
  });
});
