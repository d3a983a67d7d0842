// stats.routingFlags: every corrected turn as a labelled case of the routing eval
// (scripts/eval/cases.ts), so the eval set grows from real use.
import type { Db } from '../../db/client.ts';
import { flaggedTurns, type HistoryMessage, historyBefore } from '../../db/queries/routing-flags.ts';

/** Three exchanges: enough for a follow-up to make sense, short like the Orchestrator's own view. */
const HISTORY_MESSAGES = 6;

export type FlagCase = {
  id: string;
  history?: HistoryMessage[];
  message: string;
  expected: string[];
  kind: 'single' | 'followup';
  note: string;
};

export async function routingFlagCases(db: Db, businessId?: string): Promise<FlagCase[]> {
  const cases: FlagCase[] = [];
  for (const flagged of await flaggedTurns(db, businessId)) {
    const history = dropLeadingReplies(await historyBefore(db, flagged, HISTORY_MESSAGES));
    const answered = flagged.answeredBy ? `${flagged.answeredBy} answered` : 'routed';
    cases.push({
      id: `flag-${flagged.turnId}`,
      ...(history.length ? { history } : {}),
      message: flagged.message,
      expected: [flagged.expected],
      kind: history.length ? 'followup' : 'single',
      note: `Flagged by the user: ${answered}, ${flagged.expected} should have (turn ${flagged.turnId}).`,
    });
  }
  return cases;
}

/** The eval's history starts with the user: a cut can leave a reply without its question. */
function dropLeadingReplies(history: HistoryMessage[]): HistoryMessage[] {
  const first = history.findIndex((m) => m.role === 'user');
  return first < 0 ? [] : history.slice(first);
}
