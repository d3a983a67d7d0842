// Command-line flags of `npm run eval`.
import { parseArgs } from 'node:util';

export type EvalArgs = {
  limit: number | null;
  concurrency: number;
  out: string | null;
  cases: string | null;
  /** Orchestrator models to compare, in order; null: SWITCHBOARD_ROUTER_MODEL or the model. */
  routerModels: string[] | null;
};

export const USAGE = `Usage: npm run eval -- [--limit N] [--concurrency N] [--out report.json] [--cases cases.json] [--router-model A,B]
  --limit N        route only the first N cases
  --concurrency N  runs in flight at once (default 4)
  --out FILE       where to write the JSON report (default eval-results/routing-<timestamp>.json)
  --cases FILE     another labelled set (default scripts/eval/routing-cases.json)
  --router-model A,B  Orchestrator models to compare in one run (default SWITCHBOARD_ROUTER_MODEL,
                   else SWITCHBOARD_MODEL)`;

export class UsageError extends Error {}

function positive(name: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number of at least 1, not "${value}"`);
  return n;
}

const OPTIONS = {
  limit: { type: 'string' },
  concurrency: { type: 'string' },
  out: { type: 'string' },
  cases: { type: 'string' },
  'router-model': { type: 'string' },
} as const;

export function parseEvalArgs(argv: string[]): EvalArgs {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; strict: true }>>['values'];
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    limit: positive('limit', values.limit),
    concurrency: positive('concurrency', values.concurrency) ?? 4,
    out: values.out ?? null,
    cases: values.cases ?? null,
    routerModels: routerModels(values['router-model']),
  };
}

function routerModels(value: string | undefined): string[] | null {
  if (value === undefined) return null;
  const names = [
    ...new Set(
      value
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ];
  if (!names.length)
    throw new UsageError('--router-model needs at least one model name, e.g. --router-model gpt-4.1-nano,gpt-4.1-mini');
  return names;
}
