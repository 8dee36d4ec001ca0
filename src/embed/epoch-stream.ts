/**
 * Thins the records of a race into what the host hears: at most one `epoch` event per racer
 * per animation frame (its latest record), so a 20,000-epoch race at full speed does not
 * flood the host, yet each racer's last epoch is always among them; the `diverged` events;
 * and every racer's final record for `finished`. No DOM: the adapter calls `take` once per
 * frame.
 */
import type { EpochRecord } from '../core/race/record.ts';
import { epochData, type EpochData } from './messages.ts';

export interface DivergedData {
  racer: string;
  epoch: number;
  record: EpochData;
}

export class EpochStream {
  private pending = new Map<string, EpochRecord>();
  private last = new Map<string, EpochRecord>();
  private diverged: DivergedData[] = [];

  /** A racer's newest record; `fromStart` when it belongs to a race that (re)started at epoch 0. */
  push(record: EpochRecord, fromStart = false): void {
    if (fromStart) this.diverged = this.diverged.filter((d) => d.racer !== record.racer);
    this.pending.set(record.racer, record);
    this.last.set(record.racer, record);
    if (record.diverged) this.diverged.push({ racer: record.racer, epoch: record.epoch, record: epochData(record) });
  }

  /** Whether a frame has anything to send. */
  get dirty(): boolean {
    return this.pending.size > 0 || this.diverged.length > 0;
  }

  /** This frame's events: each racer's latest record since the last frame, then any divergences. */
  take(): { epochs: EpochData[]; diverged: DivergedData[] } {
    const epochs = [...this.pending.values()].map(epochData);
    const diverged = this.diverged;
    this.pending = new Map();
    this.diverged = [];
    return { epochs, diverged };
  }

  /** The final record of each racer, in the order given (those with no record are left out). */
  finals(racers: readonly string[]): EpochData[] {
    return racers.flatMap((id) => {
      const r = this.last.get(id);
      return r ? [epochData(r)] : [];
    });
  }

  /** A new race: forget the old one's records. */
  clear(): void {
    this.pending = new Map();
    this.last = new Map();
    this.diverged = [];
  }
}
