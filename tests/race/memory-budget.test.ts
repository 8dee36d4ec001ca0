/** The memory budget a link asks for: only ever lower than the default, never a stack trace. */
import { describe, expect, it } from 'vitest';
import { memoryBudgetFromQuery } from '../../src/race/memory-budget.ts';

const MB = 2 ** 20;

describe('memoryBudgetFromQuery', () => {
  it.each([
    { search: '', budget: 512 * MB, notice: null },
    { search: '?memory=64', budget: 64 * MB, notice: null },
    { search: '?embed=1&memory=16', budget: 16 * MB, notice: null },
    { search: '?memory=512', budget: 512 * MB, notice: null },
    { search: '?memory=513', budget: 512 * MB, notice: 'The link\'s memory="513" is not a whole number of MB from 16 to 512; the page keeps its budget of 512 MB.' },
    { search: '?memory=15', budget: 512 * MB, notice: /memory="15" is not a whole number/ },
    { search: '?memory=1e3', budget: 512 * MB, notice: /memory="1e3"/ },
    { search: '?memory=%3Cscript%3E', budget: 512 * MB, notice: /memory="<script>"/ },
    { search: `?memory=${'9'.repeat(40)}`, budget: 512 * MB, notice: /memory="9{20}…"/ },
  ])('$search', ({ search, budget, notice }) => {
    const got = memoryBudgetFromQuery(search, 512 * MB);
    expect(got.budget).toBe(budget);
    if (notice === null) expect(got.notice).toBeNull();
    else expect(got.notice).toMatch(notice);
  });
});
