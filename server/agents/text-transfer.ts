// Small models often write a transfer as text instead of calling the tool: the tool's name on its
// own, or a JSON tool call inside the content. Both are the model's own tool-call syntax, parsed
// here as the handoff it meant — never words of the user's message.
import { type Agent, Handoff } from '@openai/agents';
import { handoffInput } from './handoff-input.ts';
import type { TurnContext } from './turn-context.ts';

export type WrittenTransfer = { expert: string; reason: string };

type ToolCallShape = { name?: unknown; arguments?: unknown; parameters?: unknown; function?: ToolCallShape };

/** The handoff a router's final text spells out, or null when it names none (or several). */
export function writtenTransfer(router: Agent<TurnContext>, text: string): WrittenTransfer | null {
  const handoffs = router.handoffs.filter((h): h is Handoff => h instanceof Handoff);
  const byTool = new Map(handoffs.map((h) => [h.toolName.toLowerCase(), h.agentName]));
  const call = jsonToolCall(text);
  if (call) {
    // A written call to another tool is not a transfer, whatever its arguments mention.
    const expert = byTool.get(call.name.toLowerCase());
    return expert ? { expert, reason: call.reason } : null;
  }
  const named = [...byTool].filter(([tool]) => mentions(text.toLowerCase(), tool));
  return named.length === 1 ? { expert: named[0]![1], reason: '' } : null;
}

/** `{"name": "...", "arguments": {...}}` and its common variants (`parameters`, `function`). */
function jsonToolCall(text: string): { name: string; reason: string } | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  let parsed: ToolCallShape;
  try {
    parsed = JSON.parse(text.slice(start, end + 1)) as ToolCallShape;
  } catch {
    return null;
  }
  const call = parsed.function && typeof parsed.function === 'object' ? parsed.function : parsed;
  if (typeof call.name !== 'string') return null;
  return { name: call.name, reason: reasonOf(call.arguments ?? call.parameters) };
}

function reasonOf(args: unknown): string {
  let value = args;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return '';
    }
  }
  const parsed = handoffInput.safeParse(value);
  return parsed.success ? parsed.data.reason : '';
}

/** `name` stands alone in `text` (not part of a longer identifier). */
function mentions(text: string, name: string): boolean {
  const isWordChar = (c: string | undefined) => c !== undefined && (c === '_' || /[\p{L}\p{N}]/u.test(c));
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (!isWordChar(text[at - 1]) && !isWordChar(text[at + name.length])) return true;
  }
  return false;
}
