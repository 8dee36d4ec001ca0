/**
 * Race workers kept from one race for the next. A fresh worker pays for fetching and
 * compiling the engine and for warming up its code: in Chromium the same 20,000-epoch loop
 * ran about 1.5–2× slower on a new worker than on one that had raced before. So a reset, a
 * replay or a new race takes the workers the last race let go of, and makes new ones only
 * when it needs more.
 */
import type { TrainerConnection, TrainerFactory } from './connection.ts';

export class WorkerPool {
  private idle: TrainerConnection[] = [];

  constructor(private readonly create: TrainerFactory) {}

  /** An idle worker, or a new one for the racers with these ids. */
  take(racerIds: readonly string[]): TrainerConnection {
    return this.idle.pop() ?? this.create(racerIds);
  }

  /** Keeps a worker that its race let go of (and told to hold); one that dies while idle is dropped. */
  give(conn: TrainerConnection): void {
    this.idle.push(conn);
    conn.onCrash(() => {
      this.idle = this.idle.filter((c) => c !== conn);
    });
  }

  /** Ends the idle workers beyond the first `keep`. */
  trim(keep: number): void {
    for (const conn of this.idle.splice(keep)) conn.close();
  }

  get size(): number {
    return this.idle.length;
  }
}
