// What a running turn tells its caller, in order: the wire format of chat.stream.
import type { MessageDto, TurnDto } from './dto.ts';

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

export type TurnEvent =
  | { type: 'turn'; turn: TurnDto }
  | { type: 'agent'; agent: string; reason: string | null }
  | { type: 'delta'; text: string }
  | ToolEvent
  | { type: 'done'; conversationId: string; turn: TurnDto; reply: MessageDto }
  | { type: 'error'; code: string; message: string; turnId: string | null };

export type TurnEventSink = (event: TurnEvent) => void;
