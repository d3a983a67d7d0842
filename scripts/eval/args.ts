// Command-line flags of `npm run eval`.
import { parseArgs } from 'node:util';

export type EvalArgs = { limit: number | null; concurrency: number; out: string | null; cases: string | null };

export const USAGE = `Usage: npm run eval -- [--limit N] [--concurrency N] [--out report.json] [--cases cases.json]
  --limit N        route only the first N cases
  --concurrency N  runs in flight at once (default 4)
  --out FILE       where to write the JSON report (default eval-results/routing-<timestamp>.json)
  --cases FILE     another labelled set (default scripts/eval/routing-cases.json)`;

export class UsageError extends Error {}

function positive(name: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number of at least 1, not "${value}"`);
  return n;
}

export function parseEvalArgs(argv: string[]): EvalArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        limit: { type: 'string' },
        concurrency: { type: 'string' },
        out: { type: 'string' },
        cases: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    limit: positive('limit', values.limit),
    concurrency: positive('concurrency', values.concurrency) ?? 4,
    out: values.out ?? null,
    cases: values.cases ?? null,
  };
}
