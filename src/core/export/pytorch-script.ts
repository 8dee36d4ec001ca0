/**
 * "Reproduce in PyTorch": a self-contained Python script that trains every racer of a race
 * with torch.optim on the same data (after the same split and standardization), from the
 * same initial weights, in the same batch order, and prints the same NDJSON records as the
 * CLI. The batch order comes from a line-for-line port of optirace's seeded generator
 * (src/core/random.ts), so the script stays small however many epochs the race has.
 */
import { ConfigError } from '../config/errors.ts';
import type { ChangeSpec, ChangeableName, Racer } from '../config/schema.ts';
import type { Dataset } from '../data/dataset.ts';
import type { PreparedRace } from '../race/prepare.ts';
import { DIVERGENCE_CEILING, DIVERGENCE_FACTOR } from '../race/record.ts';
import { pyNumber as py, pyString } from './python-literal.ts';

/**
 * The most data values (rows × (inputs + targets), training and hold-out together) a script
 * carries. At this size the script is about 40 MB and Python reads its tables in seconds;
 * the engine's own limit (20 million) would make a 400 MB script that Python cannot load.
 */
export const SCRIPT_DATA_LIMIT = 2_000_000;

/**
 * A table as JSON rows, one per line, for the script's `table("""…""")`. Only number text,
 * brackets, commas and spaces: nothing that could end the triple-quoted string.
 */
function rows(flat: Float64Array, width: number): string {
  const lines: string[] = [];
  for (let start = 0; start < flat.length; start += width) {
    let line = `[${flat[start]}`;
    for (let j = 1; j < width; j++) line += `, ${flat[start + j]}`;
    lines.push(`${line}]`);
  }
  return `"""\n${lines.join(',\n')}\n"""`;
}

function matrix(m: readonly (readonly number[])[]): string {
  return `[${m.map((row) => `[${row.map(py).join(', ')}]`).join(', ')}]`;
}

function strings(list: readonly string[]): string {
  return `[${list.map(pyString).join(', ')}]`;
}

function tensorPair(name: string, data: Dataset): string {
  return `${name}_X = table(${rows(data.x, data.inputs)})\n${name}_Y = table(${rows(data.y, data.outputs)})\n`;
}

function dataValues(race: PreparedRace): number {
  const size = (d: Dataset | null) => (d ? d.x.length + d.y.length : 0);
  return size(race.train) + size(race.holdout);
}

/** The torch.optim constructor call for a racer, with every hyperparameter spelled out. */
export function torchOptimizer(racer: Racer): string {
  switch (racer.optimizer) {
    case 'sgd': {
      const o = racer.options;
      return `torch.optim.SGD(params, lr=${py(o.lr)}, momentum=${py(o.momentum)}, dampening=${py(o.dampening)}, nesterov=${py(o.nesterov)}, weight_decay=${py(o.weightDecay)})`;
    }
    case 'adam':
    case 'adamw': {
      const o = racer.options;
      const cls = racer.optimizer === 'adam' ? 'Adam' : 'AdamW';
      return `torch.optim.${cls}(params, lr=${py(o.lr)}, betas=(${py(o.betas[0])}, ${py(o.betas[1])}), eps=${py(o.eps)}, weight_decay=${py(o.weightDecay)}, amsgrad=${py(o.amsgrad)})`;
    }
    case 'rmsprop': {
      const o = racer.options;
      return `torch.optim.RMSprop(params, lr=${py(o.lr)}, alpha=${py(o.alpha)}, eps=${py(o.eps)}, weight_decay=${py(o.weightDecay)}, momentum=${py(o.momentum)}, centered=${py(o.centered)})`;
    }
    case 'adagrad': {
      const o = racer.options;
      return `torch.optim.Adagrad(params, lr=${py(o.lr)}, lr_decay=${py(o.lrDecay)}, weight_decay=${py(o.weightDecay)}, initial_accumulator_value=${py(o.initialAccumulatorValue)}, eps=${py(o.eps)})`;
    }
  }
}

const RNG_PORT = `M32 = 0xFFFFFFFF


def mix32(x):
    """splitmix32, as optirace's random.ts."""
    x = (x + 0x9E3779B9) & M32
    x = ((x ^ (x >> 16)) * 0x85EBCA6B) & M32
    x = ((x ^ (x >> 13)) * 0xC2B2AE35) & M32
    return x ^ (x >> 16)


def hash_string(s):
    h = 0x811C9DC5
    for unit in s.encode("utf-16-le").decode("utf-16-le"):
        h = ((h ^ ord(unit)) * 0x01000193) & M32
    return h


class Rng:
    """sfc32 seeded from (seed, stream, index), bit for bit optirace's Rng."""

    def __init__(self, seed, stream="", index=0):
        s = mix32(seed & M32)
        self.a = mix32(s ^ hash_string(stream))
        self.b = mix32(self.a ^ (index & M32))
        self.c = mix32(self.b ^ (seed // 0x100000000))
        self.d = 1
        for _ in range(12):
            self.next_uint32()

    def next_uint32(self):
        t = (self.a + self.b + self.d) & M32
        self.d = (self.d + 1) & M32
        self.a = self.b ^ (self.b >> 9)
        self.b = (self.c + (self.c << 3)) & M32
        self.c = ((self.c << 21) | (self.c >> 11)) & M32
        self.c = (self.c + t) & M32
        return t

    def uniform(self):
        hi = self.next_uint32() >> 5
        lo = self.next_uint32() >> 6
        return (hi * 67108864 + lo) / 9007199254740992.0

    def int(self, n):
        return math.floor(self.uniform() * n)


def epoch_permutation(seed, epoch, n):
    """The row order of one epoch: the same for every racer."""
    rng = Rng(seed, "shuffle", epoch)
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = rng.int(i + 1)
        order[i], order[j] = order[j], order[i]
    return order
`;

/** torch's param_groups keys for the config's changeable hyperparameters. */
const PARAM_GROUP_KEY: Record<ChangeableName, string> = { lr: 'lr', momentum: 'momentum', weightDecay: 'weight_decay' };

/** A racer's change schedule as a Python dict literal: numbers and fixed keys only. */
function changesDict(changes: readonly ChangeSpec[]): string {
  const entries = changes.map(({ epoch, ...values }) => {
    const sets = (Object.entries(values) as [ChangeableName, number][]).map(([name, v]) => `${pyString(PARAM_GROUP_KEY[name])}: ${py(v)}`);
    return `${epoch}: {${sets.join(', ')}}`;
  });
  return `{${entries.join(', ')}}`;
}

/**
 * The script, or a ConfigError when the data is larger than SCRIPT_DATA_LIMIT. Every string
 * from the config (name, ids, labels, column names) goes in as a `pyString` literal only.
 */
export function pytorchScript(race: PreparedRace): string {
  const { config, train, holdout, init } = race;
  const values = dataValues(race);
  if (values > SCRIPT_DATA_LIMIT) {
    throw new ConfigError(
      `the PyTorch script carries the race's data inside it and is limited to ${SCRIPT_DATA_LIMIT.toLocaleString('en-US')} data values (rows × (inputs + targets)); this race has ${values.toLocaleString('en-US')}. Export the records instead, or race a smaller data set`,
    );
  }
  const normalized = race.standardization ? ' (inputs already standardized with the training set\'s mean and std, as in the race)' : '';
  const racers = config.racers
    .map((r) => `    (${pyString(r.id)}, ${pyString(r.label)}, ${r.batchSize === 'full' ? 'None' : r.batchSize}, lambda params: ${torchOptimizer(r)}, ${changesDict(r.changes)}),`)
    .join('\n');
  return `#!/usr/bin/env python3
"""Reproduces an optirace race (its name is NAME below) with torch.optim.

Same data${normalized}, same initial weights, same batch order, same hyperparameters.
Prints one JSON record per racer per epoch, like \`npm run race -- CONFIG --no-timing\`.
Run it with PyTorch installed: python3 race.py  (add --float32 for single precision).
"""
import json
import math
import sys

import torch

DTYPE = torch.float32 if "--float32" in sys.argv else torch.float64


def table(text):
    """Rows of numbers written as JSON: json.loads reads a large table many times faster,
    and in far less memory, than Python's parser reads the same list literal."""
    return torch.tensor(json.loads("[" + text + "]"), dtype=DTYPE)


${RNG_PORT}

NAME = ${config.name === undefined ? 'None' : pyString(config.name)}
INPUT_NAMES = ${strings(train.inputNames)}
TARGET_NAMES = ${strings(train.targetNames)}

${tensorPair('TRAIN', train)}${holdout ? tensorPair('HOLDOUT', holdout) : 'HOLDOUT_X = HOLDOUT_Y = None\n'}
INIT_W = ${matrix(init.w)}
INIT_B = [${init.b.map(py).join(', ')}]
EPOCHS = ${config.epochs}
SHUFFLE = ${py(config.shuffle)}
SEED = ${config.seed}
DIVERGENCE_FACTOR = ${DIVERGENCE_FACTOR}
DIVERGENCE_CEILING = ${DIVERGENCE_CEILING}

# (id, label, batch size or None for the full batch, optimizer factory,
#  changes: {epoch: {param_groups[0] key: value}}, set before that epoch's first step)
RACERS = [
${racers}
]


def mse(x, y, w, b):
    return torch.nn.functional.mse_loss(x @ w.t() + b, y)


def diverges(loss, initial):
    """optirace's rule: not finite, past the ceiling, or past DIVERGENCE_FACTOR x the epoch-0 loss."""
    return not math.isfinite(loss) or loss > DIVERGENCE_CEILING or (initial > 0 and loss > DIVERGENCE_FACTOR * initial)


def finite_or_none(v):
    return v if math.isfinite(v) else None


def record(racer, epoch, w, b, steps, loss, diverged=False):
    rec = {"racer": racer, "epoch": epoch, "loss": finite_or_none(loss)}
    with torch.no_grad():
        if HOLDOUT_X is not None:
            rec["holdoutLoss"] = finite_or_none(mse(HOLDOUT_X, HOLDOUT_Y, w, b).item())
        rec["w"] = w.tolist()
        rec["b"] = b.tolist()
    rec["steps"] = steps
    if diverged:
        rec["diverged"] = True
    print(json.dumps(rec))


def main():
    n = TRAIN_X.shape[0]
    orders = {}
    for racer, _label, batch_size, make_optimizer, changes in RACERS:
        w = torch.tensor(INIT_W, dtype=DTYPE, requires_grad=True)
        b = torch.tensor(INIT_B, dtype=DTYPE, requires_grad=True)
        optimizer = make_optimizer([w, b])
        bs = n if batch_size is None else batch_size
        with torch.no_grad():
            initial = mse(TRAIN_X, TRAIN_Y, w, b).item()
        record(racer, 0, w, b, 0, initial, diverges(initial, initial))
        if diverges(initial, initial):
            continue
        steps = 0
        for epoch in range(1, EPOCHS + 1):
            if SHUFFLE and epoch not in orders:
                orders[epoch] = torch.tensor(epoch_permutation(SEED, epoch, n))
            order = orders[epoch] if SHUFFLE else None
            for key, value in changes.get(epoch, {}).items():
                optimizer.param_groups[0][key] = value  # as a user editing it mid-race
            for start in range(0, n, bs):
                if bs == n:
                    x, y = TRAIN_X, TRAIN_Y  # a full batch: row order does not change the gradient
                elif order is not None:
                    idx = order[start:start + bs]
                    x, y = TRAIN_X[idx], TRAIN_Y[idx]
                else:
                    x, y = TRAIN_X[start:start + bs], TRAIN_Y[start:start + bs]
                optimizer.zero_grad()
                mse(x, y, w, b).backward()
                optimizer.step()
                steps += 1
            with torch.no_grad():
                loss = mse(TRAIN_X, TRAIN_Y, w, b).item()
            diverged = diverges(loss, initial)
            record(racer, epoch, w, b, steps, loss, diverged)
            if diverged:
                break


if __name__ == "__main__":
    main()
`;
}
