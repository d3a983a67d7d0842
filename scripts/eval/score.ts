// Turns per-case outcomes into the figures of a routing eval: accuracy, confusion matrix, failures.
import { EXPERT_NAMES, type ExpertName } from '../../shared/roster.ts';
import { ROUTER_ROUTES } from '../../shared/turn-record.ts';
import type { RoutingCase } from './cases.ts';
import type { RouteOutcome } from './route-case.ts';

export type CaseResult = RoutingCase & RouteOutcome & { correct: boolean };

/** `none`: the Orchestrator answered (or stopped) without handing off. */
export const CHOSEN_COLUMNS = [...EXPERT_NAMES, 'none'] as const;
export type ChosenColumn = (typeof CHOSEN_COLUMNS)[number];

/** How each scored case's choice was found; `none`: the router never chose (the turn would fail). */
export const ROUTE_COLUMNS = [...ROUTER_ROUTES, 'none'] as const;
export type RouteColumn = (typeof ROUTE_COLUMNS)[number];

export type Tally = { cases: number; correct: number; accuracy: number | null };

export type Score = {
  total: number;
  /** Cases that ran to a routing decision; errored cases are not counted in any accuracy. */
  scored: number;
  errors: number;
  overall: Tally;
  /** By the case's primary (first) expected expert. */
  byExpert: Record<ExpertName, Tally>;
  byKind: Record<RoutingCase['kind'], Tally>;
  /** confusion[expected primary][chosen] = number of scored cases. */
  confusion: Record<ExpertName, Record<ChosenColumn, number>>;
  routes: Record<RouteColumn, number>;
  /** Scored cases whose chosen expert is not among the acceptable ones, in case order. */
  failures: CaseResult[];
  erroredCases: CaseResult[];
};

export function judge(routingCase: RoutingCase, outcome: RouteOutcome): CaseResult {
  const correct = outcome.error === null && outcome.chosen !== null && routingCase.expected.includes(outcome.chosen);
  return { ...routingCase, ...outcome, correct };
}

const tally = (results: CaseResult[]): Tally => {
  const correct = results.filter((r) => r.correct).length;
  return { cases: results.length, correct, accuracy: results.length ? correct / results.length : null };
};

const primary = (r: CaseResult): ExpertName => r.expected[0]!;

export function score(results: CaseResult[]): Score {
  const scored = results.filter((r) => r.error === null);
  const byExpert = Object.fromEntries(EXPERT_NAMES.map((e) => [e, tally(scored.filter((r) => primary(r) === e))]));
  const kinds = ['single', 'cross', 'followup'] as const;
  const byKind = Object.fromEntries(kinds.map((k) => [k, tally(scored.filter((r) => r.kind === k))]));
  const confusion = Object.fromEntries(
    EXPERT_NAMES.map((row) => [row, Object.fromEntries(CHOSEN_COLUMNS.map((column) => [column, 0]))]),
  ) as Score['confusion'];
  for (const r of scored) confusion[primary(r)][r.chosen ?? 'none'] += 1;
  const routes = Object.fromEntries(ROUTE_COLUMNS.map((column) => [column, 0])) as Score['routes'];
  for (const r of scored) routes[r.route ?? 'none'] += 1;
  return {
    total: results.length,
    scored: scored.length,
    errors: results.length - scored.length,
    overall: tally(scored),
    byExpert: byExpert as Score['byExpert'],
    byKind: byKind as Score['byKind'],
    confusion,
    routes,
    failures: scored.filter((r) => !r.correct),
    erroredCases: results.filter((r) => r.error !== null),
  };
}
