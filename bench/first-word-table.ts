// Section f of `npm run bench`: the first-word bench on both drivers at once (the model's waits are
// timers, not CPU), with its goals.
import type { BenchDriver } from './bench-app.ts';
import { type FirstWordRow, runFirstWordOn } from './first-word.ts';
import { describeModel, type LatencyModel } from './latency-model.ts';
import { SIMULATED } from './sample-text.ts';
import { round, table } from './stats.ts';

export type FirstWord = { model: LatencyModel; quick: boolean; rows: FirstWordRow[] };

export async function runFirstWordBench(options: {
  quick: boolean;
  drivers: BenchDriver[];
  model: LatencyModel;
}): Promise<FirstWord> {
  const turns = options.quick ? 20 : 100;
  const rows = await Promise.all(options.drivers.map((driver) => runFirstWordOn(driver, turns, options.model)));
  return { model: options.model, quick: options.quick, rows };
}

const ms = (s: { p50: number; p95: number; p99: number; max: number }) =>
  [s.p50, s.p95, s.p99, s.max].map((v) => Math.round(v)).join(' / ');
const cents = (usd: number) => `${round(usd * 100, 3)}¢`;
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

export function firstWordTable(result: FirstWord): string {
  const { rows } = result;
  return [
    `Model: ${describeModel(result.model)}${result.quick ? ' (--quick: 20× faster, so this machine’s own time weighs more; the goals are for the full run)' : ''}; ${rows[0]?.turns} turns, user messages ~${SIMULATED.userTokens} tokens, replies ~${SIMULATED.replyTokens}`,
    table(
      [
        'driver',
        'ours p50 / p95 / p99 / max ms',
        'direct call p50 / p95 / p99 / max ms',
        'ours ÷ direct p50',
        'p99 ÷ p50',
        'router output p50 / p95 tokens',
        'folds',
      ],
      rows.map((r) => [
        r.driver,
        ms(r.ours),
        ms(r.direct),
        `${round(r.oursOverDirectP50)}×`,
        `${round(r.p99OverP50)}×`,
        `${r.routerOutputTokens.p50} / ${r.routerOutputTokens.p95}`,
        r.folds,
      ]),
    ),
    `Cost per turn at turn ${rows[0]?.turns} with cached input priced (folds: their mean per turn over the second half)`,
    table(
      ['driver', 'model', 'ours', 'seed (cached)', 'seed ÷ ours'],
      rows.flatMap((r) => r.cost.map((c) => [r.driver, c.model, cents(c.ours), cents(c.seed), `${round(c.seedOverOurs)}×`])),
    ),
    `Goals: p99 ≤ 1.3× p50: ${met(rows.every((r) => r.p99OverP50 <= 1.3))}; p50 ≤ 1.6× direct: ${met(rows.every((r) => r.oursOverDirectP50 <= 1.6))}; ` +
      `router output p95 ≤ 25 tokens: ${met(rows.every((r) => r.routerOutputTokens.p95 <= 25))}; ` +
      `cost ≥ 4× below the cached seed: ${rows[0]?.cost.map((c) => `${c.model} ${met(rows.every((r) => r.cost.find((x) => x.model === c.model)!.seedOverOurs >= 4))}`).join(', ')}`,
  ].join('\n');
}
