// What the SDK hands every tool of a turn (`RunContext<TurnContext>`): where a failing tool call
// leaves its mark, where consults are recorded (keyed by the owner's tool call id, in order), and
// the turn's file store (its business's uploads to search, a place for the images it draws), and
// the business profile the turn may write to.
import type { RunContext } from '@openai/agents';
import type { ReadSource } from '../../shared/read-source.ts';
import type { ToolSource, ToolUsage } from '../../shared/turn-record.ts';
import type { DocumentRefDto } from '../documents/document-dto.ts';
import type { AttachmentDto } from '../files/file-dto.ts';
import type { ConsultCall } from './consult-call.ts';

export type FoundPassage = { fileId: string; name: string; location: string; text: string };
export type SavedImage = AttachmentDto;

export type TurnFiles = {
  search(query: string): Promise<FoundPassage[]>;
  saveImage(image: { prompt: string; contentType: string; content: Buffer }): Promise<SavedImage>;
};

/** `pending`: the fact the owner wrote stays as it is until they accept this text as its replacement. */
export type RememberedFact = { factId: string; text: string; pending?: { proposalId: string; ownerText: string } };

/**
 * Writes facts to the turn's business, as the agent that called, noting what the turn had read;
 * a refusal throws a sentence for the model.
 */
export type ProfileWriter = {
  remember(agent: string, fact: string, replaces: string | null | undefined, learnedFrom: ReadSource[]): Promise<RememberedFact>;
};

export type ReadDocument = {
  documentId: string;
  title: string;
  kind: string;
  version: number;
  updatedAt: string;
  content: string;
};
export type FoundDocument = { documentId: string; title: string; text: string };

/** The turn's business's documents, written as the agent that called; a refusal throws a sentence for the model. */
export type TurnDocuments = {
  write(agent: string, doc: { title: string; kind: 'markdown' | 'table'; content: string }): Promise<DocumentRefDto>;
  update(agent: string, edit: { documentId: string; content: string; note?: string | null }): Promise<DocumentRefDto>;
  read(documentId: string): Promise<ReadDocument>;
  search(query: string): Promise<FoundDocument[]>;
};

/** What the routing record adds to a tool call: the MCP server it ran on, the owner's decision, its own timing. */
export type ToolCallNote = { server?: string; approved?: boolean; ms?: number };

export type TurnContext = {
  failedToolCalls: Set<string>;
  consults: Map<string, ConsultCall>;
  files: TurnFiles;
  /** The images this turn drew, in order: its reply shows them. */
  images: SavedImage[];
  /** What a priced tool call spent (Images API tokens), by tool call id. */
  toolUsage: Map<string, ToolUsage>;
  /** By tool call id: see ToolCallNote. */
  toolCalls: Map<string, ToolCallNote>;
  /** The file passages a search found, by tool call id: the routing record keeps them as citations. */
  toolSources: Map<string, ToolSource[]>;
  profile: ProfileWriter;
  documents: TurnDocuments;
  /** The documents this turn wrote or updated, in order: its reply shows them. */
  writtenDocuments: DocumentRefDto[];
  /** The profile message this turn's model calls see (set once memory is recalled); consults pass it on. */
  profileDigest: string | null;
  /** Untrusted content this turn has read so far (file passages, web results), in order, once each. */
  read: ReadSource[];
};

export function newTurnContext(files: TurnFiles, profile: ProfileWriter, documents: TurnDocuments): TurnContext {
  return {
    failedToolCalls: new Set(),
    consults: new Map(),
    files,
    images: [],
    toolUsage: new Map(),
    toolCalls: new Map(),
    toolSources: new Map(),
    profile,
    documents,
    writtenDocuments: [],
    profileDigest: null,
    read: [],
  };
}

/** Notes that the turn read `source`: a fact it writes from now on says it was learned there. */
export function noteRead(context: TurnContext, source: ReadSource): void {
  const key = JSON.stringify(source);
  if (!context.read.some((seen) => JSON.stringify(seen) === key)) context.read.push(source);
}

/** A tool's errorFunction: the model gets a readable failure, the routing record gets ok=false. */
export function reportToolFailure(
  runContext: RunContext<TurnContext>,
  error: unknown,
  details?: { toolCall?: { callId: string } },
): string {
  const callId = details?.toolCall?.callId;
  if (callId) runContext.context.failedToolCalls.add(callId);
  const reason = error instanceof Error ? error.message : String(error);
  return `The tool failed (${reason}). Answer without it and say what could not be checked.`;
}
