/**
 * Records as CSV, from the CLI (`--format csv`) and the page ("Records as CSV"): a racer id
 * that a spreadsheet would run as a formula is written as text; numbers are written as they are.
 */
import { describe, expect, it } from 'vitest';
import { csvLine } from '../../src/core/race/format.ts';
import type { EpochRecord } from '../../src/core/race/record.ts';
import { recordsCsv } from '../../src/ui/export/records-file.ts';

const record = (racer: string): EpochRecord => ({ racer, epoch: 2, loss: 0.25, w: [[-1.5, 2]], b: [-0.125], steps: 4 });

describe('the first cell of every record row', () => {
  it.each([
    { racer: 'adam', cells: 'adam,2,0.25,4,false,-1.5,2,-0.125' },
    { racer: '@SUM(1,1)', cells: '"\'@SUM(1,1)",2,0.25,4,false,-1.5,2,-0.125' },
    { racer: "+cmd|' /C calc'!A0", cells: "'+cmd|' /C calc'!A0,2,0.25,4,false,-1.5,2,-0.125" },
    { racer: '-1', cells: "'-1,2,0.25,4,false,-1.5,2,-0.125" }, // an id is text even when it looks like a number
  ])('$racer → $cells', ({ racer, cells }) => {
    expect(csvLine(record(racer), false, false)).toBe(`${cells}\n`);
  });
});

describe('the page\'s "Records as CSV" writes the same cells', () => {
  it('neutralizes a formula id and leaves negative numbers alone', () => {
    const text = recordsCsv([record('=1+1')], 2, 1, false);
    expect(text.split('\n')).toEqual(['racer,epoch,loss,steps,diverged,w[0][0],w[0][1],b[0]', "'=1+1,2,0.25,4,false,-1.5,2,-0.125", '']);
  });
});
