/**
 * One racer through a race, epoch by epoch: the unit a CLI loop or a Web Worker drives.
 * It knows nothing about how epochs are scheduled, only how to take the next one, with
 * the hyperparameter changes planned for it applied first.
 */
import type { ChangeValues, ChangeableName, Racer } from '../config/schema.ts';
import { finiteOrNull, isDiverged, type EpochRecord } from './record.ts';
import type { PreparedRace } from './prepare.ts';
import { Trainer } from './trainer.ts';

export class RacerRun {
  readonly racer: Racer;
  private readonly trainer: Trainer;
  /** The last epoch recorded (-1 before `start`). */
  epoch = -1;
  steps = 0;
  diverged = false;
  private initialLoss = NaN;
  /** Changes not applied yet, by the epoch before whose first step they are set. */
  private readonly planned = new Map<number, ChangeValues>();

  constructor(private readonly race: PreparedRace, racer: Racer, private readonly timing = true) {
    this.racer = racer;
    this.trainer = new Trainer(race.train, race.holdout, race.init, racer);
    for (const { epoch, ...values } of racer.changes) this.planned.set(epoch, values);
  }

  /** True once the racer has run every epoch or diverged. */
  get done(): boolean {
    return this.diverged || this.epoch >= this.race.config.epochs;
  }

  /** The value in force of a hyperparameter (after the changes applied so far). */
  hyperparameter(name: ChangeableName): number {
    return this.trainer.optimizer.get(name);
  }

  get lr(): number {
    return this.trainer.optimizer.lr;
  }

  /**
   * Sets the lr from the next step on, as `param_groups[0]['lr'] = lr` between two epochs.
   * The worker's live lr slider sets it this way (`change` plans the same for the next epoch).
   */
  set lr(lr: number) {
    this.trainer.optimizer.set('lr', lr);
  }

  /**
   * Plans a change for the next epoch, over any change already planned there, as a user
   * editing `param_groups[0]` between two epochs would. Returns that epoch: its record is
   * the first one made with the change. The values must be valid for this racer's optimizer
   * (`changeValues` in the validator checks them).
   */
  change(values: ChangeValues): number {
    if (this.done) throw new Error(`racer ${this.racer.id} has finished`);
    const epoch = this.epoch + 1;
    this.planned.set(epoch, { ...this.planned.get(epoch), ...values });
    return epoch;
  }

  /** The epoch-0 record: the shared initial weights and their loss. */
  start(): EpochRecord {
    if (this.epoch >= 0) throw new Error(`racer ${this.racer.id} has already started`);
    this.epoch = 0;
    this.initialLoss = this.trainer.loss();
    return this.record(this.initialLoss, 0);
  }

  /** Trains one epoch over the rows in `order` (null: row order) and returns its record. */
  next(order: Int32Array | null): EpochRecord {
    if (this.epoch < 0) throw new Error(`racer ${this.racer.id} has not started`);
    if (this.done) throw new Error(`racer ${this.racer.id} has finished`);
    const changes = this.planned.get(this.epoch + 1);
    if (changes) {
      for (const [name, value] of Object.entries(changes) as [ChangeableName, number][]) this.trainer.optimizer.set(name, value);
      this.planned.delete(this.epoch + 1);
    }
    const t0 = this.timing ? performance.now() : 0;
    this.steps += this.trainer.trainEpoch(order);
    const ms = this.timing ? performance.now() - t0 : 0;
    this.epoch++;
    const loss = this.trainer.loss();
    this.diverged = isDiverged(loss, this.initialLoss);
    return this.record(loss, ms);
  }

  private record(loss: number, ms: number): EpochRecord {
    const { w, b } = this.trainer.model.weights();
    const holdout = this.trainer.holdout();
    // Built field by field so the JSON key order is always the documented one.
    return {
      racer: this.racer.id,
      epoch: this.epoch,
      loss: finiteOrNull(loss),
      ...(holdout !== null ? { holdoutLoss: finiteOrNull(holdout) } : {}),
      w,
      b,
      steps: this.steps,
      ...(this.timing ? { ms: Math.round(ms * 1000) / 1000 } : {}),
      ...(this.diverged ? { diverged: true as const } : {}),
    };
  }
}
