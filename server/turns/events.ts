// What a running turn tells its caller, in order; the API turns rows into its own shapes.
import type { MessageRow, TurnRow } from '../../db/schema.ts';
import type { Approval } from '../../shared/turn-record.ts';
import type { DocumentRefDto } from '../documents/document-dto.ts';
import type { ErrorCode } from '../errors.ts';
import type { AttachmentDto } from '../files/file-dto.ts';

export type ToolEvent = {
  type: 'tool';
  phase: 'start' | 'end';
  agent: string;
  name: string;
  callId: string;
  ms?: number;
  ok?: boolean;
  /** Set when the tool is a consult: the expert being asked. */
  consulted?: string;
};

export type AgentEvent = { type: 'agent'; agent: string; reason: string | null };

/** `seq` is the database's to assign; a reply is shown before it is read back. */
export type TurnDone = {
  type: 'done';
  conversationId: string;
  turn: TurnRow;
  reply: Omit<MessageRow, 'seq'>;
  /** Images the turn drew, shown with its reply. */
  attachments: AttachmentDto[];
  /** Documents the turn wrote or updated (absent: none), shown with its reply. */
  documents?: DocumentRefDto[];
};

/**
 * Stopped by chat.cancel: the text streamed so far is kept as a stopped reply (none if nothing
 * streamed), with the images drawn before Stop (none without a reply).
 */
export type TurnCancelled = {
  type: 'cancelled';
  conversationId: string;
  turn: TurnRow;
  reply: Omit<MessageRow, 'seq'> | null;
  attachments: AttachmentDto[];
  documents?: DocumentRefDto[];
};

/** The turn paused (awaiting_approval) on the calls in `approvals`: chat.approve resumes it. */
export type TurnAwaiting = { type: 'approval'; turnId: string; conversationId: string; turn: TurnRow; approvals: Approval[] };

export type TurnEvent =
  | { type: 'turn'; turn: TurnRow }
  | AgentEvent
  | { type: 'delta'; text: string }
  | ToolEvent
  | TurnDone
  | TurnCancelled
  | TurnAwaiting;

/** How a failed turn ends for its watchers (its caller gets the thrown error instead). */
export type TurnFailed = { type: 'failed'; code: ErrorCode; message: string; turnId: string };

/** What watchers of a turn see: its events, ending in done, cancelled, failed or approval (paused). */
export type LiveEvent = TurnEvent | TurnFailed;

export const isFinal = (event: LiveEvent): boolean =>
  event.type === 'done' || event.type === 'cancelled' || event.type === 'failed' || event.type === 'approval';
