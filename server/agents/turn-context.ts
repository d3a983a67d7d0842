// What the SDK hands every tool of a turn (`RunContext<TurnContext>`): where a failing tool call
// leaves its mark, where consults are recorded (keyed by the owner's tool call id, in order), and
// the turn's file store (its business's uploads to search, a place for the images it draws), and
// the business profile the turn may write to.
import type { RunContext } from '@openai/agents';
import type { ToolSource, ToolUsage } from '../../shared/turn-record.ts';
import type { AttachmentDto } from '../files/file-dto.ts';
import type { ConsultCall } from './consult-call.ts';

export type FoundPassage = { fileId: string; name: string; location: string; text: string };
export type SavedImage = AttachmentDto;

export type TurnFiles = {
  search(query: string): Promise<FoundPassage[]>;
  saveImage(image: { prompt: string; contentType: string; content: Buffer }): Promise<SavedImage>;
};

export type RememberedFact = { factId: string; text: string };

/** Writes facts to the turn's business, as the agent that called; a refusal throws a sentence for the model. */
export type ProfileWriter = { remember(agent: string, fact: string, replaces?: string | null): Promise<RememberedFact> };

export type TurnContext = {
  failedToolCalls: Set<string>;
  consults: Map<string, ConsultCall>;
  files: TurnFiles;
  /** The images this turn drew, in order: its reply shows them. */
  images: SavedImage[];
  /** What a priced tool call spent (Images API tokens), by tool call id. */
  toolUsage: Map<string, ToolUsage>;
  /** The file passages a search found, by tool call id: the routing record keeps them as citations. */
  toolSources: Map<string, ToolSource[]>;
  profile: ProfileWriter;
  /** The profile message this turn's model calls see (set once memory is recalled); consults pass it on. */
  profileDigest: string | null;
};

export function newTurnContext(files: TurnFiles, profile: ProfileWriter): TurnContext {
  return {
    failedToolCalls: new Set(),
    consults: new Map(),
    files,
    images: [],
    toolUsage: new Map(),
    toolSources: new Map(),
    profile,
    profileDigest: null,
  };
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
