/**
 * Each optimizer's update rule exactly as the engine runs it (the doc comments of
 * src/core/optim/*.ts, written from PyTorch 1.13's documentation), with a racer's live
 * hyperparameters in place of their symbols. A rule is a small math tree so that the MathML
 * and the plain-text alternative come from the same source; terms whose hyperparameter is
 * zero or off are left out, as they are in the step.
 */
import { OPTIMIZERS, type RacerSpec } from '../../core/config/schema.ts';

export type MathNode =
  | { kind: 'mi'; text: string }
  | { kind: 'mn'; value: number }
  | { kind: 'mo'; text: string }
  | { kind: 'msub'; base: MathNode[]; sub: MathNode[] }
  | { kind: 'msup'; base: MathNode[]; sup: MathNode[] }
  | { kind: 'mfrac'; num: MathNode[]; den: MathNode[] }
  | { kind: 'msqrt'; body: MathNode[] };

export interface RuleLine {
  math: MathNode[];
  /** A condition or starting value, in words: "on the first step: b ← g". */
  note?: string;
}

export interface UpdateRuleView {
  /** The torch.optim class, e.g. torch.optim.Adam. */
  torch: string;
  lines: RuleLine[];
  /** What the symbols are and where the state starts. */
  notes: string[];
}

const mi = (text: string): MathNode => ({ kind: 'mi', text });
const mo = (text: string): MathNode => ({ kind: 'mo', text });
const sub = (base: MathNode, s: string): MathNode => ({ kind: 'msub', base: [base], sub: [mi(s)] });
const sup = (base: MathNode[], s: MathNode): MathNode => ({ kind: 'msup', base, sup: [s] });
const frac = (num: MathNode[], den: MathNode[]): MathNode => ({ kind: 'mfrac', num, den });
const sqrt = (...body: MathNode[]): MathNode => ({ kind: 'msqrt', body });
const paren = (...nodes: MathNode[]): MathNode[] => [mo('('), ...nodes, mo(')')];
/** A number as a factor: negative ones in parentheses. */
const num = (value: number): MathNode[] => (value < 0 ? paren({ kind: 'mn', value }) : [{ kind: 'mn', value }]);
const line = (lhs: MathNode[], rhs: MathNode[], note?: string): RuleLine => ({ math: [...lhs, mo('←'), ...rhs], ...(note ? { note } : {}) });

const THETA = mi('θ');
const G = mi('g');
const T = mi('t');
const DOT = mo('·');
const squared = (x: MathNode): MathNode => sup([x], { kind: 'mn', value: 2 });
/** (1 − x)·, the weight of the new term in a running average. */
const oneMinus = (x: number): MathNode[] => paren({ kind: 'mn', value: 1 }, mo('−'), ...num(x));

/** A racer's value for a number hyperparameter, or the PyTorch default. */
function number(racer: RacerSpec, name: string): number {
  const own = racer[name];
  if (typeof own === 'number') return own;
  const spec = OPTIMIZERS[racer.optimizer].hyperparameters[name];
  return spec?.kind === 'number' ? (spec.default ?? NaN) : NaN;
}

function flag(racer: RacerSpec, name: string): boolean {
  const own = racer[name];
  if (typeof own === 'boolean') return own;
  const spec = OPTIMIZERS[racer.optimizer].hyperparameters[name];
  return spec?.kind === 'boolean' ? spec.default : false;
}

function betas(racer: RacerSpec): [number, number] {
  const own = racer.betas;
  if (Array.isArray(own) && own.length === 2 && own.every((b) => typeof b === 'number')) return [own[0], own[1]];
  return [0.9, 0.999];
}

/** g ← ∇L(θ), plus λ·θ when the weight decay is coupled into the gradient. */
function gradient(weightDecay: number): RuleLine {
  const grad = [mo('∇'), mi('L'), ...paren(THETA)];
  return line([G], weightDecay !== 0 ? [...grad, mo('+'), ...num(weightDecay), DOT, THETA] : grad);
}

function sgd(r: RacerSpec): RuleLine[] {
  const lr = number(r, 'lr'), momentum = number(r, 'momentum'), dampening = number(r, 'dampening');
  const lines = [gradient(number(r, 'weightDecay'))];
  if (momentum !== 0) {
    const fresh = dampening !== 0 ? [...oneMinus(dampening), DOT, G] : [G];
    lines.push(line([mi('b')], [...num(momentum), DOT, mi('b'), mo('+'), ...fresh], 'on the first step: b ← g'));
    lines.push(flag(r, 'nesterov') ? line([G], [G, mo('+'), ...num(momentum), DOT, mi('b')]) : line([G], [mi('b')]));
  }
  lines.push(line([THETA], [THETA, mo('−'), ...num(lr), DOT, G]));
  return lines;
}

function adam(r: RacerSpec, decoupled: boolean): RuleLine[] {
  const lr = number(r, 'lr'), eps = number(r, 'eps'), weightDecay = number(r, 'weightDecay');
  const [beta1, beta2] = betas(r);
  const amsgrad = flag(r, 'amsgrad');
  // The gradient comes first: backward ran at the current θ, before AdamW's decay scales it.
  const lines = [gradient(decoupled ? 0 : weightDecay)];
  if (decoupled && weightDecay !== 0) lines.push(line([THETA], [THETA, ...paren({ kind: 'mn', value: 1 }, mo('−'), ...num(lr), DOT, ...num(weightDecay))]));
  lines.push(line([mi('m')], [...num(beta1), DOT, mi('m'), mo('+'), ...oneMinus(beta1), DOT, G]));
  lines.push(line([mi('v')], [...num(beta2), DOT, mi('v'), mo('+'), ...oneMinus(beta2), DOT, squared(G)]));
  const vHat = amsgrad ? sub(mi('v'), 'max') : mi('v');
  if (amsgrad) lines.push(line([vHat], [mi('max'), ...paren(vHat, mo(','), mi('v'))]));
  const bias = (beta: number): MathNode[] => [{ kind: 'mn', value: 1 }, mo('−'), sup(num(beta), T)];
  lines.push(
    line([THETA], [THETA, mo('−'), frac(num(lr), bias(beta1)), DOT, frac([mi('m')], [frac([sqrt(vHat)], [sqrt(...bias(beta2))]), mo('+'), ...num(eps)])]),
  );
  return lines;
}

function rmsprop(r: RacerSpec): RuleLine[] {
  const lr = number(r, 'lr'), alpha = number(r, 'alpha'), eps = number(r, 'eps'), momentum = number(r, 'momentum');
  const centered = flag(r, 'centered');
  const lines = [gradient(number(r, 'weightDecay'))];
  lines.push(line([mi('v')], [...num(alpha), DOT, mi('v'), mo('+'), ...oneMinus(alpha), DOT, squared(G)]));
  if (centered) lines.push(line([mi('m')], [...num(alpha), DOT, mi('m'), mo('+'), ...oneMinus(alpha), DOT, G]));
  const denominator = [centered ? sqrt(mi('v'), mo('−'), squared(mi('m'))) : sqrt(mi('v')), mo('+'), ...num(eps)];
  if (momentum > 0) {
    lines.push(line([mi('b')], [...num(momentum), DOT, mi('b'), mo('+'), frac([G], denominator)]));
    lines.push(line([THETA], [THETA, mo('−'), ...num(lr), DOT, mi('b')]));
  } else {
    lines.push(line([THETA], [THETA, mo('−'), ...num(lr), DOT, frac([G], denominator)]));
  }
  return lines;
}

function adagrad(r: RacerSpec): RuleLine[] {
  const lr = number(r, 'lr'), lrDecay = number(r, 'lrDecay'), eps = number(r, 'eps');
  const lines = [gradient(number(r, 'weightDecay'))];
  let rate = num(lr);
  if (lrDecay !== 0) {
    const decayed = sub(mi('γ'), 't');
    lines.push(line([decayed], [frac(num(lr), [{ kind: 'mn', value: 1 }, mo('+'), ...paren(T, mo('−'), { kind: 'mn', value: 1 }), DOT, ...num(lrDecay)])]));
    rate = [decayed];
  }
  lines.push(line([mi('s')], [mi('s'), mo('+'), squared(G)]));
  lines.push(line([THETA], [THETA, mo('−'), ...rate, DOT, frac([G], [sqrt(mi('s')), mo('+'), ...num(eps)])]));
  return lines;
}

const EVERY_PARAMETER = 'θ stands for every weight and bias; g is the gradient of the batch loss L at θ.';

/** The update rule of a racer's optimizer with its hyperparameters filled in. */
export function updateRule(racer: RacerSpec): UpdateRuleView {
  const torch = OPTIMIZERS[racer.optimizer].torch;
  switch (racer.optimizer) {
    case 'sgd':
      return { torch, lines: sgd(racer), notes: [EVERY_PARAMETER] };
    case 'adam':
    case 'adamw':
      return { torch, lines: adam(racer, racer.optimizer === 'adamw'), notes: [EVERY_PARAMETER, `t = 1, 2, … counts steps; m, v${flag(racer, 'amsgrad') ? ' and v_max' : ''} start at 0.`] };
    case 'rmsprop': {
      const state = ['v', ...(flag(racer, 'centered') ? ['m'] : []), ...(number(racer, 'momentum') > 0 ? ['b'] : [])];
      return { torch, lines: rmsprop(racer), notes: [EVERY_PARAMETER, `${state.join(', ').replace(/, (?=[^,]*$)/, ' and ')} start${state.length === 1 ? 's' : ''} at 0.`] };
    }
    case 'adagrad': {
      const start = number(racer, 'initialAccumulatorValue');
      return {
        torch,
        lines: adagrad(racer),
        notes: [EVERY_PARAMETER, `s starts at ${numberText(start)}${number(racer, 'lrDecay') !== 0 ? '; t = 1, 2, … counts steps' : ''}.`],
      };
    }
  }
}

/** A number as written in a rule: JavaScript's shortest form, with a true minus sign. */
export function numberText(value: number): string {
  return String(value).replace('-', '−');
}

/** Splits 1e-8 into mantissa "1" and exponent "−8" for a ×10ⁿ display; plain numbers have no exponent. */
export function scientific(value: number): { mantissa: string; exponent: string | null } {
  const [mantissa, exponent] = String(value).split('e');
  return { mantissa: numberText(Number(mantissa)), exponent: exponent === undefined ? null : numberText(Number(exponent)) };
}

const SPACED = new Set(['←', '+', '−', '=']);
const SUPERSCRIPT: Record<string, string> = { '2': '²' };

function grouped(nodes: MathNode[]): string {
  const text = mathText(nodes);
  return nodes.length === 1 && nodes[0].kind !== 'mfrac' ? text : `(${text})`;
}

/** The plain-text reading of a math row, for screen readers: `θ ← θ − 0.00001·g`. */
export function mathText(nodes: readonly MathNode[]): string {
  return nodes
    .map((n) => {
      switch (n.kind) {
        case 'mi':
          return n.text;
        case 'mn':
          return numberText(n.value);
        case 'mo':
          return SPACED.has(n.text) ? ` ${n.text} ` : n.text === ',' ? ', ' : n.text;
        case 'msub':
          return `${mathText(n.base)}_${mathText(n.sub)}`;
        case 'msup': {
          const exponent = mathText(n.sup);
          return grouped(n.base) + (SUPERSCRIPT[exponent] ?? `^${exponent}`);
        }
        case 'mfrac':
          return `${grouped(n.num)}/${grouped(n.den)}`;
        case 'msqrt':
          return `√${grouped(n.body)}`;
      }
    })
    .join('');
}

/** The whole rule as one plain-text sentence. */
export function ruleText(view: UpdateRuleView): string {
  return `${view.torch}: ${view.lines.map((l) => mathText(l.math) + (l.note ? ` (${l.note})` : '')).join('; ')}. ${view.notes.join(' ')}`;
}
