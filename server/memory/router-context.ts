// What the Orchestrator reads. Choosing an expert is a small classification: it needs the newest
// message, the exchange it follows and the conversation's background (summary, profile), not the
// expert's whole window. Pure: the memory hands in items that already carry their token counts.
import type { MemoryItem } from './memory.ts';

export const DEFAULT_ROUTER_CONTEXT_TOKENS = 1000;

/** Background (summary, profile) may take this share of the router's budget; messages the rest. */
const BACKGROUND_SHARE = 0.25;
/** The last exchange is always shown, cut to at least this share of the budget each. */
const EXCHANGE_FLOOR_SHARE = 0.15;

/**
 * Leading background items and the newest messages within `budget` tokens, oldest first, ending
 * with the new message (always whole). The exchange the new message follows is always there, its
 * beginning kept when it is long; older messages come whole while they fit.
 */
export function routerContext(items: readonly MemoryItem[], budget: number, tokensOf: (text: string) => number): MemoryItem[] {
  const newest = items.at(-1);
  if (!newest) return [];
  const background = items.filter((item) => item.context);
  const messages = items.slice(0, -1).filter((item) => !item.context);
  let room = budget - newest.tokens;

  const exchange: MemoryItem[] = [];
  const floor = Math.floor(budget * EXCHANGE_FLOOR_SHARE);
  for (const message of messages.slice(-2).reverse()) {
    const kept = message.tokens <= room ? message : clip(message, Math.max(room, floor), tokensOf);
    exchange.unshift(kept);
    room -= kept.tokens;
  }

  const kept: MemoryItem[] = [];
  let backgroundRoom = Math.min(room, Math.floor(budget * BACKGROUND_SHARE));
  for (const item of background) {
    if (backgroundRoom <= 0) break;
    const fitted = item.tokens <= backgroundRoom ? item : clip(item, backgroundRoom, tokensOf);
    if (!fitted.content) continue;
    kept.push(fitted);
    backgroundRoom -= fitted.tokens;
    room -= fitted.tokens;
  }

  const earlier: MemoryItem[] = [];
  for (const message of messages.slice(0, -2).reverse()) {
    if (message.tokens > room) break;
    earlier.unshift(message);
    room -= message.tokens;
  }
  return [...kept, ...earlier, ...exchange, newest];
}

const CUT = ' […]';

/** The item's first lines that fit in `room` tokens; a first line longer than that is cut short. */
function clip(item: MemoryItem, room: number, tokensOf: (text: string) => number): MemoryItem {
  const lines = item.content.split('\n');
  const taken: string[] = [];
  let used = tokensOf(CUT);
  for (const line of lines) {
    const cost = tokensOf(line) + 1;
    if (used + cost > room) break;
    taken.push(line);
    used += cost;
  }
  // About four characters a token: the cut only has to land near the limit, and it is counted after.
  let content = taken.length ? taken.join('\n') : (lines[0] ?? '').slice(0, Math.max(0, (room - used) * 4));
  if (content) content += CUT;
  return { ...item, content, tokens: content ? tokensOf(content) : 0 };
}
