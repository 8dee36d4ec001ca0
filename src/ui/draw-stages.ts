/**
 * Which task of a redraw draws each chart panel (see `RaceSession.drawnView`): the loss
 * chart first, then the path chart, then the small ones, then the Sweep panel (thousands of
 * runs): its progress and rows, then its charts (the U-curve, heatmaps, range tests). Each
 * big chart can take 10–20 ms of script on two cores while its code is still cold, the Sweep
 * panel's rows and charts 30–70 ms each at 10,000 runs; all of them in one task made tasks
 * of over 50 ms.
 */
export const DRAW_STAGE = { loss: 0, path: 1, leaderboard: 2, cost: 2, predictions: 2, sweep: 3, sweepCharts: 4 } as const;

export type ChartPanelName = keyof typeof DRAW_STAGE;

/** How many tasks a redraw is split into. */
export const DRAW_STAGES = Math.max(...Object.values(DRAW_STAGE)) + 1;
