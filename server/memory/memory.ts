// The one seam between a turn and what the model remembers. A turn asks for what the next call
// sees and how much a stored message weighs; summaries, windows and pages stay behind this.
import type { MemoryMessage } from '../../db/queries/messages.ts';
import type { ConversationRow } from '../../db/schema.ts';
import type { ProfileDigest } from '../business/profile-digest.ts';

export type MemoryItem = {
  role: 'user' | 'assistant';
  content: string;
  /** What the item weighs, as stored: lets a caller cut the input without counting again. */
  tokens: number;
  /** Background the conversation carries (summary, profile) rather than one of its messages. */
  context?: true;
};

/** Rewrites a rolling summary; the Summarizer agent provides it, handed in by the turn. */
export type Summarize = (prompt: string) => Promise<{ summary: string; tokens: number }>;

export type Recollection = {
  /**
   * The business profile first (when it has facts), then the conversation oldest first, ending
   * with the new message: stable before changing, as prompt caching wants.
   */
  items: MemoryItem[];
  /** The profile's facts and tokens in `items`; null when the business has none. */
  profile: ProfileDigest | null;
  /** Conversation tokens in `items`. */
  tokens: number;
  /** What the Orchestrator reads instead of `items`: the background and the last few messages. */
  routerItems: MemoryItem[];
  /** What summarizing spent on this turn (0 when it did not run). */
  summarizerTokens: number;
};

export type MemoryStatus = {
  summary: string;
  summaryTokens: number;
  /** Messages (and their tokens) the next turn would see verbatim. */
  windowMessages: number;
  windowTokens: number;
  budget: number;
  /** Summary + window: what the next turn spends of the budget before the new message. */
  tokensInUse: number;
  /** Older messages wait to be folded into the summary on the next turn. */
  pendingSummary: boolean;
  memoryFrom: string | null;
  /** What every model call of the next turn sees of the business profile. */
  profile: { facts: number; tokens: number; budget: number };
};

export type TurnMemoryInput = { conversation: ConversationRow; userMessage: MemoryMessage };

/**
 * Whose memory a turn will read: an existing conversation, or one its opening creates (in the
 * business named, else the default one).
 */
export type ReadAheadOf =
  | { conversationId: string; created?: false }
  | { conversationId: string; created: true; businessId?: string };

/**
 * What a turn will read, started as soon as its lock is held, while its opening statement runs:
 * `recall` then waits for neither round trip in turn.
 */
export type ReadAhead = {
  conversationId: string;
  /** The conversation's newest page, with or without the turn's own message (none for a new one). */
  newest: Promise<MemoryMessage[]>;
  profile: Promise<ProfileDigest | null>;
};

export interface Memory {
  /** Starts the reads `recall` needs, for a conversation whose lock the caller holds. */
  readAhead(of: ReadAheadOf): ReadAhead;
  /** What the model sees on this turn; may fold older messages into the summary first. */
  recall(turn: TurnMemoryInput, summarize: Summarize, ahead?: ReadAhead): Promise<Recollection>;
  /** What a message weighs in the window, stored with it when it is written. */
  tokensOf(text: string): number;
  /** What the next turn of this conversation would see. */
  describe(conversation: ConversationRow): Promise<MemoryStatus>;
}
