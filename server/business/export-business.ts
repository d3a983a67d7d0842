// businesses.export: a business as one JSON file: its profile (with every fact's history and the
// changes waiting for the owner), its files, its documents, every conversation.
import type { Db } from '../../db/client.ts';
import { conversationIdsOf } from '../../db/queries/conversations.ts';
import { factVersionsOfBusiness, pendingProposals } from '../../db/queries/fact-changes.ts';
import { listCurrentFacts } from '../../db/queries/facts.ts';
import { listFiles } from '../../db/queries/files.ts';
import type { BusinessRow, FactRow, FactVersionRow } from '../../db/schema.ts';
import type { Pricing } from '../cost/pricing.ts';
import { type DocumentExport, exportDocuments } from '../documents/export-documents.ts';
import { type ExportFile, slug } from '../export/export-conversation.ts';
import { type FileDto, toFileDto } from '../files/file-dto.ts';
import { type HistoryDto, loadHistory } from '../routers/load-history.ts';
import {
  type BusinessDto,
  type FactDto,
  type FactVersionDto,
  type ProposalDto,
  toBusinessDto,
  toFactDto,
  toHistoryDto,
  toProposalDto,
} from './business-dto.ts';

export type BusinessExport = {
  format: 'switchboard.business';
  version: 1;
  exportedAt: string;
  business: BusinessDto;
  /**
   * `history`: each fact that was ever changed, every text it has had (as profile.history);
   * `proposals`: models' changes to the owner's facts still waiting (as profile.get).
   */
  profile: { facts: FactDto[]; proposals: ProposalDto[]; history: { factId: string; versions: FactVersionDto[] }[] };
  /** Uploaded files and generated images (their list; the bytes stay behind GET /api/files/:id). */
  files: FileDto[];
  /** Each with every version and its author, contents included. */
  documents: DocumentExport[];
  /** Oldest first, each as chat.history shows it. */
  conversations: HistoryDto[];
};

export async function exportBusiness(db: Db, business: BusinessRow, pricing: Pricing, exportedAt: Date): Promise<ExportFile> {
  const [facts, versions, proposals, files, ids] = await Promise.all([
    listCurrentFacts(db, business.id),
    factVersionsOfBusiness(db, business.id),
    pendingProposals(db, business.id),
    listFiles(db, business.id),
    conversationIdsOf(db, business.id),
  ]);
  const documents = await exportDocuments(db, business.id);
  const conversations: HistoryDto[] = [];
  // One at a time: a business with many conversations must not take every pooled connection.
  for (const id of ids) conversations.push(await loadHistory(db, id, pricing));
  const body: BusinessExport = {
    format: 'switchboard.business',
    version: 1,
    exportedAt: exportedAt.toISOString(),
    business: toBusinessDto(business),
    profile: { facts: facts.map(toFactDto), proposals: proposals.map(toProposalDto), history: historyOf(facts, versions) },
    files: files.map(toFileDto),
    documents,
    conversations,
  };
  return {
    filename: `${slug(business.name) || 'business'}-${business.id.slice(0, 8)}.json`,
    contentType: 'application/json; charset=utf-8',
    content: `${JSON.stringify(body, null, 2)}\n`,
  };
}

function historyOf(facts: FactRow[], versions: FactVersionRow[]): { factId: string; versions: FactVersionDto[] }[] {
  return facts.flatMap((fact) => {
    const earlier = versions.filter((version) => version.factId === fact.id);
    return earlier.length ? [{ factId: fact.id, versions: toHistoryDto(fact, earlier) }] : [];
  });
}
