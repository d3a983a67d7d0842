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
export type Summarize = (prompt: string, signal?: AbortSignal) => Promise<{ summary: string; tokens: number }>;

export type FoldRequest = {
  conversationId: string;
  /** The turn whose reply started the fold: its memory cost counts what the fold spent. */
  turnId: string;
  summarize: Summarize;
  /** Aborted at shutdown: the fold stops and stores nothing it has not stored yet. */
  signal: AbortSignal;
};

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
  /** Messages newer than the summary did not fit: the oldest were left out, for a fold to take in. */
  overflow: boolean;
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
  /** Older messages no longer fit beside the summary: they wait for the next fold. */
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
  /** What the model sees on this turn: the summary as it stands and the newest messages that fit. */
  recall(turn: TurnMemoryInput, ahead?: ReadAhead): Promise<Recollection>;
  /** Whether the window, once the reply is added, has grown enough that a fold should start now. */
  foldDue(recalled: Pick<Recollection, 'tokens' | 'overflow'>, replyTokens: number): boolean;
  /** Folds older messages into the summary, after a turn and off its path (see fold-behind.ts). */
  fold(request: FoldRequest): Promise<void>;
  /** What a message weighs in the window, stored with it when it is written. */
  tokensOf(text: string): number;
  /** What the next turn of this conversation would see. */
  describe(conversation: ConversationRow): Promise<MemoryStatus>;
}
