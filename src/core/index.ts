/** The headless engine: everything a race needs, with no DOM and no workers. */
export { ConfigError } from './config/errors.ts';
export { validateRace, parseRace, type ValidRace } from './config/validate.ts';
export * from './config/schema.ts';
export { prepareRace, type PreparedRace } from './race/prepare.ts';
export { RacerRun } from './race/racer-run.ts';
export { runRace, epochOrder, type RunOptions } from './race/run-race.ts';
export { SummaryTracker, nearOptimum, type RacerSummary } from './race/summary.ts';
export { leastSquares, mseOf, type Optimum, type Weights } from './race/optimum.ts';
export { isDiverged, DIVERGENCE_CEILING, DIVERGENCE_FACTOR, type EpochRecord } from './race/record.ts';
export { ndjsonLine, csvHeader, csvLine } from './race/format.ts';
