// The realistic model the latency bench runs on: a call takes `ttft + k × input tokens + output
// tokens ÷ rate`, streamed or not. Defaults 400 ms, 0.03 ms a token and 80 tokens a second, as a
// hosted model of today; `--ttft-ms`, `--ms-per-input-token` and `--tokens-per-second` (or
// BENCH_TTFT_MS, BENCH_MS_PER_INPUT_TOKEN, BENCH_TOKENS_PER_SECOND) change them. `--quick` runs
// the same model twenty times faster, so CI's run stays short; the full run uses it as given.
import type { FakeOptions } from '../tests/support/fake-openai.ts';

export type LatencyModel = { ttftMs: number; msPerInputToken: number; tokensPerSecond: number };

export const REALISTIC: LatencyModel = { ttftMs: 400, msPerInputToken: 0.03, tokensPerSecond: 80 };
const QUICK_SPEED_UP = 20;

const SETTINGS = [
  ['ttftMs', '--ttft-ms', 'BENCH_TTFT_MS'],
  ['msPerInputToken', '--ms-per-input-token', 'BENCH_MS_PER_INPUT_TOKEN'],
  ['tokensPerSecond', '--tokens-per-second', 'BENCH_TOKENS_PER_SECOND'],
] as const;

export function latencyModelFrom(argv: readonly string[], env: NodeJS.ProcessEnv, quick: boolean): LatencyModel {
  const model = { ...REALISTIC };
  for (const [key, flag, name] of SETTINGS) {
    const at = argv.indexOf(flag);
    const given = at >= 0 ? argv[at + 1] : env[name];
    if (given === undefined || given === '') continue;
    const value = Number(given);
    if (!Number.isFinite(value) || value < 0 || (key === 'tokensPerSecond' && value === 0))
      throw new Error(`${flag} (${name}) takes a positive number (got "${given}")`);
    model[key] = value;
  }
  if (!quick) return model;
  return {
    ttftMs: model.ttftMs / QUICK_SPEED_UP,
    msPerInputToken: model.msPerInputToken / QUICK_SPEED_UP,
    tokensPerSecond: model.tokensPerSecond * QUICK_SPEED_UP,
  };
}

/** The fake server's options for this model. */
export function fakeOptionsFor(model: LatencyModel): FakeOptions {
  return {
    latencyMs: model.ttftMs,
    msPerThousandInputTokens: model.msPerInputToken * 1000,
    tokensPerSecond: model.tokensPerSecond,
  };
}

export function describeModel(model: LatencyModel): string {
  return `${model.ttftMs} ms + ${model.msPerInputToken} ms per input token + output at ${model.tokensPerSecond} tokens/s`;
}
