/**
 * The page's first sentence: what the race is, in words a teacher can read aloud. It names
 * how many optimizers race, what they fit (the targets from the inputs) and the finish.
 */
import type { Dataset } from '../core/data/dataset.ts';

const NUMBER_WORDS = ['No', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten', 'Eleven', 'Twelve'];

/** "a, b and c" */
export function listWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** At most this many names are listed; more read as a count. */
const MAX_NAMES = 4;

function names(list: readonly string[], what: string): string {
  return list.length <= MAX_NAMES ? listWords(list) : `${list.length} ${what}`;
}

export function introSentence(racers: number, train: Dataset): string {
  const count = NUMBER_WORDS[racers] ?? String(racers);
  const who = racers === 1 ? `${count} optimizer fits` : `${count} optimizers race to fit`;
  return (
    `${who} the same line: ${names(train.targetNames, 'targets')} from ${names(train.inputNames, 'inputs')}, ${train.rows} row${train.rows === 1 ? '' : 's'}. ` +
    `Press Play: the first to reach the dotted finish line, the best fit there is, wins.`
  );
}
