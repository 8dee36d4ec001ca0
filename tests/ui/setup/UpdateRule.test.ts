// @vitest-environment jsdom
import { render, screen } from '@testing-library/svelte';
import { expect, test } from 'vitest';
import type { RacerSpec } from '../../../src/core/config/schema.ts';
import UpdateRule from '../../../src/ui/setup/UpdateRule.svelte';

const MATHML = 'http://www.w3.org/1998/Math/MathML';

function rule(racer: Omit<RacerSpec, 'id'>) {
  const { container } = render(UpdateRule, { racer: { id: 'r', ...racer } as RacerSpec });
  const maths = [...container.querySelectorAll('math')];
  return { container, maths, text: maths.map((m) => m.textContent?.replace(/\s+/g, '')).join('\n') };
}

test('block MathML, one math element per line, in the MathML namespace', () => {
  const { maths } = rule({ optimizer: 'sgd', lr: 1e-5 });
  expect(maths).toHaveLength(2);
  for (const m of maths) {
    expect(m.getAttribute('display')).toBe('block');
    expect(m.namespaceURI).toBe(MATHML);
    for (const el of m.querySelectorAll('*')) expect(el.namespaceURI).toBe(MATHML);
  }
});

test('the live lr is in the step: θ ← θ − 0.00001·g', () => {
  const { maths } = rule({ optimizer: 'sgd', lr: 1e-5 });
  expect(maths[1].textContent?.replace(/\s+/g, '')).toBe('θ←θ−0.00001·g');
  expect([...maths[1].querySelectorAll('mn')].map((n) => n.textContent)).toEqual(['0.00001']);
});

test('a number like 1e-8 is written 1 × 10⁻⁸', () => {
  const { maths } = rule({ optimizer: 'adam' });
  const sup = [...maths.at(-1)!.querySelectorAll('msup')].find((s) => s.firstElementChild?.textContent === '10');
  expect(sup?.lastElementChild?.textContent).toBe('−8');
  expect(sup?.previousElementSibling?.textContent).toBe('×');
});

test.each([
  { name: 'Nesterov adds μ·b to the gradient', racer: { optimizer: 'sgd', lr: 1, momentum: 0.9, nesterov: true }, has: 'g←g+0.9·b', hasNot: 'g←b' },
  { name: 'plain momentum steps along the buffer', racer: { optimizer: 'sgd', lr: 1, momentum: 0.9 }, has: 'g←b', hasNot: 'g←g+0.9·b' },
  { name: 'no momentum, no buffer', racer: { optimizer: 'sgd', lr: 1 }, has: 'θ←θ−1·g', hasNot: 'b←' },
  { name: 'AdamW decays θ itself', racer: { optimizer: 'adamw', lr: 0.1 }, has: 'θ←θ(1−0.1·0.01)', hasNot: '+0.01·θ' },
  { name: 'AMSGrad keeps the max', racer: { optimizer: 'adam', amsgrad: true }, has: 'vmax←max(vmax,v)', hasNot: '+0·θ' },
])('$name', ({ racer, has, hasNot }) => {
  const { text } = rule(racer as Omit<RacerSpec, 'id'>);
  expect(text).toContain(has);
  expect(text).not.toContain(hasNot);
});

test('screen readers get one plain-text sentence; the MathML itself is hidden from them', () => {
  const { container } = rule({ optimizer: 'sgd', lr: 1e-5, momentum: 0.9 });
  expect(screen.getByText('torch.optim.SGD: g ← ∇L(θ); b ← 0.9·b + g (on the first step: b ← g); g ← b; θ ← θ − 0.00001·g.', { exact: false })).toBeTruthy();
  expect(container.querySelector('.lines')?.getAttribute('aria-hidden')).toBe('true');
});
