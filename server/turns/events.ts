// What a running turn tells its caller, in order; the API turns rows into its own shapes.
import type { MessageRow, TurnRow } from '../../db/schema.ts';
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
};

export type TurnEvent = { type: 'turn'; turn: TurnRow } | AgentEvent | { type: 'delta'; text: string } | ToolEvent | TurnDone;
