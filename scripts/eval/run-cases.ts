// Routes every case with at most `concurrency` runs in flight; results keep the cases' order.
import type { RoutingCase } from './cases.ts';
import type { CaseRouter } from './route-case.ts';
import { type CaseResult, judge } from './score.ts';

export async function runCases(
  cases: RoutingCase[],
  route: CaseRouter,
  options: { concurrency: number; onResult?: (result: CaseResult) => void },
): Promise<CaseResult[]> {
  const results: CaseResult[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const index = next++;
      const routingCase = cases[index]!;
      // route() reports failures in its outcome, so one bad case never stops the others.
      results[index] = judge(routingCase, await route(routingCase));
      options.onResult?.(results[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, cases.length) }, worker));
  return results;
}
