// @vitest-environment jsdom
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import Controls from '../../src/ui/Controls.svelte';

function controls(playing: boolean, epoch: number, epochs = 100) {
  return render(Controls, { playing, epoch, epochs, speed: 'max', onplay: vi.fn(), onpause: vi.fn(), onstep: vi.fn(), onreset: vi.fn(), onspeed: vi.fn() });
}

describe('Controls', () => {
  it.each([
    // playing, epoch, the one play button's name, step enabled, the counter's text, its aria-live
    [false, -1, 'Play', true, 'Epoch 0 of 100', 'polite'],
    [true, 40, 'Pause', false, 'Epoch 40 of 100', 'off'],
    [false, 41, 'Play', true, 'Epoch 41 of 100', 'polite'],
    [false, 100, 'Replay', false, 'Epoch 100 of 100', 'polite'],
  ] as const)('playing %s at epoch %i: "%s", step enabled %s, "%s" (aria-live %s)', (playing, epoch, button, stepEnabled, text, live) => {
    controls(playing, epoch);
    expect(screen.getByRole('button', { name: button })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Step one epoch' }) as HTMLButtonElement).disabled).toBe(!stepEnabled);
    const counter = screen.getByRole('status');
    expect(counter.textContent).toBe(text);
    // Silent while playing: a max-speed race changes it up to 30 times a second.
    expect(counter.getAttribute('aria-live')).toBe(live);
  });
});
