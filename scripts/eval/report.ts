// The JSON report of one eval run: what was run, on which model, the figures and every case.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CaseResult, Score } from './score.ts';

export type EvalReport = {
  startedAt: string;
  finishedAt: string;
  model: { api: string; name: string };
  casesFile: string;
  usage: { inputTokens: number; outputTokens: number };
  /** Median time to a routing decision per case, over the cases that reached one. */
  p50Ms: number | null;
  score: Omit<Score, 'failures' | 'erroredCases'>;
  /** Scored cases routed to an expert not listed as acceptable, with the model's reason. */
  failures: Pick<CaseResult, 'id' | 'kind' | 'message' | 'expected' | 'chosen' | 'reason'>[];
  /** Cases that could not run to a routing decision. */
  errored: Pick<CaseResult, 'id' | 'error'>[];
  results: CaseResult[];
};

export function buildReport(params: {
  startedAt: Date;
  finishedAt: Date;
  model: EvalReport['model'];
  casesFile: string;
  score: Score;
  results: CaseResult[];
}): EvalReport {
  const { failures, erroredCases, ...figures } = params.score;
  const sum = (key: 'inputTokens' | 'outputTokens') => params.results.reduce((total, r) => total + r[key], 0);
  return {
    startedAt: params.startedAt.toISOString(),
    finishedAt: params.finishedAt.toISOString(),
    model: params.model,
    casesFile: params.casesFile,
    usage: { inputTokens: sum('inputTokens'), outputTokens: sum('outputTokens') },
    p50Ms: median(params.results.filter((r) => r.error === null).map((r) => r.ms)),
    score: figures,
    failures: failures.map(({ id, kind, message, expected, chosen, reason }) => ({
      id,
      kind,
      message,
      expected,
      chosen,
      reason,
    })),
    errored: erroredCases.map(({ id, error }) => ({ id, error })),
    results: params.results,
  };
}

/** eval-results/routing-2026-01-31T09-15-00.json, under the folder the command runs in. */
export function defaultReportPath(at: Date, cwd = process.cwd()): string {
  const stamp = at.toISOString().slice(0, 19).replaceAll(':', '-');
  return join(cwd, 'eval-results', `routing-${stamp}.json`);
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function writeReport(path: string, report: EvalReport | { runs: EvalReport[] }): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
}
