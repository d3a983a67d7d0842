// The eval's console summary: accuracy table, confusion matrix, failures with the model's reasons.
import { EXPERT_NAMES } from '../../shared/roster.ts';
import type { EvalReport } from './report.ts';
import { type CaseResult, CHOSEN_COLUMNS, ROUTE_COLUMNS, type Score, type Tally } from './score.ts';

export const percent = (t: Tally): string => (t.accuracy === null ? '—' : `${(t.accuracy * 100).toFixed(1)}%`);

const row = (cells: string[], widths: number[]): string =>
  cells
    .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
    .join('  ')
    .trimEnd();

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [row(header, widths), ...rows.map((r) => row(r, widths))];
}

export function renderAccuracy(score: Score): string[] {
  const line = (label: string, t: Tally) => [label, `${t.correct}/${t.cases}`, percent(t)];
  return table(
    ['accuracy', 'correct', '%'],
    [
      ...EXPERT_NAMES.map((e) => line(e, score.byExpert[e])),
      ...(['single', 'cross', 'followup'] as const).map((k) => line(`(${k})`, score.byKind[k])),
      line('overall', score.overall),
    ],
  );
}

export function renderConfusion(score: Score): string[] {
  const rows = EXPERT_NAMES.map((expected) => [expected, ...CHOSEN_COLUMNS.map((c) => String(score.confusion[expected][c]))]);
  return ['rows: expected (primary) expert · columns: chosen', ...table(['', ...CHOSEN_COLUMNS], rows)];
}

/** Above this share of cases needing help, the model is called out as a poor router. */
const POOR_ROUTER_SHARE = 0.1;

export function renderRoutes(score: Score): string[] {
  const share = (n: number) => (score.scored ? `${((n / score.scored) * 100).toFixed(1)}%` : '—');
  const lines = table(
    ['route', 'cases', '%'],
    ROUTE_COLUMNS.map((route) => [route, String(score.routes[route]), share(score.routes[route])]),
  );
  const helped = score.scored - score.routes.handoff;
  if (score.scored && helped / score.scored > POOR_ROUTER_SHARE) {
    lines.push(
      `This model handed off by itself in only ${share(score.routes.handoff)} of cases: a poor router on this server.`,
      'Use a model (or server setting) with reliable tool calls, e.g. vLLM with --enable-auto-tool-choice.',
    );
  }
  return lines;
}

const quote = (text: string, max = 110) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}"`;
};

export function renderFailure(r: CaseResult): string[] {
  const lines = [`${r.id} [${r.kind}] expected ${r.expected.join(' or ')}, chose ${r.chosen ?? 'no expert'}`];
  if (r.history) lines.push(`  after: ${quote(r.history.at(-1)!.content, 90)}`);
  lines.push(`  message: ${quote(r.message)}`);
  lines.push(`  reason: ${r.reason === null ? '(none given)' : quote(r.reason, 200)}`);
  return lines;
}

export function renderSummary(score: Score, header: string): string {
  const out = [header, '', ...renderAccuracy(score), '', ...renderConfusion(score), '', ...renderRoutes(score), ''];
  out.push(score.failures.length ? `Failures (${score.failures.length}):` : 'Failures: none.');
  for (const failure of score.failures) out.push(...renderFailure(failure));
  if (score.errors) {
    out.push('', `Errors (${score.errors}; not counted in accuracy):`);
    for (const r of score.erroredCases) out.push(`${r.id}: ${r.error}`);
  }
  return out.join('\n');
}

/** Router models side by side: what each got right, what it read and wrote, how fast it chose. */
export function renderComparison(reports: EvalReport[]): string {
  const rows = reports.map((r) => [
    r.model.name,
    `${r.score.overall.correct}/${r.score.overall.cases}`,
    percent(r.score.overall),
    String(r.usage.inputTokens),
    String(r.usage.outputTokens),
    r.p50Ms === null ? '—' : `${Math.round(r.p50Ms)}`,
    String(r.score.errors),
  ]);
  return [
    'Router models compared:',
    ...table(['model', 'correct', '%', 'input tokens', 'output tokens', 'p50 ms', 'errors'], rows),
  ].join('\n');
}
