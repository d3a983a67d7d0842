// The profile writer a turn hands its agents (TurnContext.profile): facts go to the turn's
// business with the turn as their source. Refusals are sentences the model can act on.
import type { Db } from '../../db/client.ts';
import { reviseFact } from '../../db/queries/fact-changes.ts';
import { addFact, findFactByRef, findSameFact } from '../../db/queries/facts.ts';
import { MAX_FACT_CHARS } from '../../shared/limits.ts';
import type { ProfileWriter } from '../agents/turn-context.ts';

/** Enough for a turn where the owner lays out their business; a model looping on the tool stops here. */
export const MAX_FACTS_PER_TURN = 10;

/** The short id the profile shows (eight hex digits) or a whole fact id. */
const FACT_REF = /^[0-9a-f]{8}(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** One line of storable text: Postgres text holds no NUL, and a lone surrogate is not text. */
function cleanFact(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what Postgres text cannot hold.
      .replace(/\u0000/g, '')
      .replace(LONE_SURROGATE, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

export function turnProfile(db: Db, turn: { businessId: string; conversationId: string; turnId: string }): ProfileWriter {
  let written = 0;
  return {
    async remember(agent, fact, replaces, learnedFrom) {
      const text = cleanFact(fact);
      if (!text) throw new Error('the fact is empty: write it as one short sentence');
      if (text.length > MAX_FACT_CHARS) {
        throw new Error(`the fact is ${text.length} characters; keep it under ${MAX_FACT_CHARS}, as one short sentence`);
      }
      if (written >= MAX_FACTS_PER_TURN) throw new Error(`a turn may remember at most ${MAX_FACTS_PER_TURN} facts`);
      const source = { kind: 'agent' as const, agent, conversationId: turn.conversationId, turnId: turn.turnId };
      const ref = replaces
        ?.trim()
        .replace(/^\[|\]$/g, '')
        .toLowerCase();
      if (ref) {
        const found = FACT_REF.test(ref) ? await findFactByRef(db, turn.businessId, ref) : [];
        if (found.length !== 1) {
          throw new Error(`no current fact of this business has the id "${ref.slice(0, 40)}"; remember it without replaces`);
        }
        const revised = await reviseFact(db, { id: found[0]!.id, text, source, learnedFrom: [...learnedFrom] });
        if (revised.kind === 'gone') throw new Error('that fact was forgotten meanwhile; remember it without replaces');
        written += 1;
        if (revised.kind === 'updated') return { factId: revised.fact.id, text: revised.fact.text };
        return {
          factId: revised.fact.id,
          text: revised.proposal.text,
          pending: { proposalId: revised.proposal.id, ownerText: revised.fact.text },
        };
      }
      const same = await findSameFact(db, turn.businessId, text);
      if (same) return { factId: same.id, text: same.text };
      const added = await addFact(db, { businessId: turn.businessId, text, source, learnedFrom: [...learnedFrom] });
      written += 1;
      return { factId: added.id, text: added.text };
    },
  };
}
