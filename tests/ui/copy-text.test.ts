// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyText } from '../../src/ui/copy-text.ts';

afterEach(() => vi.unstubAllGlobals());

describe('copyText', () => {
  it.each([
    // the clipboard, then what copyText resolves to and the prompt it shows
    ['accepts', true, []],
    ['refuses', false, [['Copy this:', 'some text']]],
  ] as const)('when the clipboard %s: resolves %s, prompts %j', async (_, result, prompts) => {
    const writeText = vi.fn(() => (result ? Promise.resolve() : Promise.reject(new Error('denied'))));
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    const prompt = vi.fn();
    vi.stubGlobal('prompt', prompt);
    expect(await copyText('some text', 'Copy this:')).toBe(result);
    expect(writeText).toHaveBeenCalledWith('some text');
    expect(prompt.mock.calls).toEqual(prompts);
  });
});
