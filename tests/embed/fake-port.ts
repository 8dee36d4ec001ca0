/** A WidgetPort with no workers: the race config and a log of what was asked, validated with the one validator. */
import { ConfigError } from '../../src/core/config/errors.ts';
import { changeValues, validateRace } from '../../src/core/config/validate.ts';
import type { WidgetPort } from '../../src/embed/messages.ts';
import { checkSpeed } from '../../src/race/race-controller.ts';

export class FakePort implements WidgetPort {
  calls: string[] = [];
  playing = false;
  epoch = 0;
  speed: unknown = 60;
  constructor(public config: unknown) {}
  play() {
    this.calls.push('play');
    this.playing = true;
  }
  pause() {
    this.calls.push('pause');
    this.playing = false;
  }
  step() {
    this.calls.push('step');
    this.epoch++;
  }
  reset() {
    this.calls.push('reset');
    this.epoch = 0;
  }
  setConfig(config: unknown): string | null {
    this.calls.push('setConfig');
    try {
      validateRace(config);
    } catch (e) {
      if (e instanceof ConfigError) return e.message;
      throw e;
    }
    this.config = config;
    return null;
  }
  setSpeed(speed: unknown): string | null {
    this.calls.push('setSpeed');
    try {
      this.speed = checkSpeed(speed);
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  }
  async change(racer: string, values: unknown): Promise<string | null> {
    this.calls.push(`change ${racer}`);
    const spec = validateRace(this.config).config.racers.find((r) => r.id === racer);
    if (!spec) return `there is no racer "${racer}" in the race`;
    try {
      changeValues(values, spec.optimizer, `the change for racer "${racer}"`);
      return null;
    } catch (e) {
      if (e instanceof ConfigError) return e.message;
      throw e;
    }
  }
  state() {
    return { config: this.config, playing: this.playing, epoch: this.epoch };
  }
  /** Everything observable, to compare before and after. */
  snapshot() {
    return JSON.stringify({ config: this.config, playing: this.playing, epoch: this.epoch, calls: this.calls });
  }
}

export const smallRace = {
  data: 'crops15',
  epochs: 5,
  seed: 1,
  racers: [{ id: 'gd', optimizer: 'sgd', lr: 1e-5 }],
};
