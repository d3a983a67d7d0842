// The document cards under replies, read back from the versions their turns wrote.
import type { Db } from '../../db/client.ts';
import { documentsOfTurns } from '../../db/queries/documents.ts';
import { type DocumentRefDto, toDocumentRefs } from './document-dto.ts';

export async function documentRefsOfTurn(db: Db, turnId: string): Promise<DocumentRefDto[]> {
  return toDocumentRefs(await documentsOfTurns(db, [turnId]));
}

export async function documentRefsByTurn(db: Db, turnIds: string[]): Promise<Map<string, DocumentRefDto[]>> {
  const byTurn = new Map<string, DocumentRefDto[]>();
  for (const written of await documentsOfTurns(db, turnIds))
    byTurn.set(written.turnId, [...(byTurn.get(written.turnId) ?? []), written]);
  return new Map([...byTurn].map(([turnId, refs]) => [turnId, toDocumentRefs(refs)]));
}
