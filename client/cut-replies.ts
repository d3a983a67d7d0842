// What a reply had streamed when its turn was cut off (a lost connection, a failed model call):
// the stored turn has no reply to show, so this tab keeps the words it saw, shown with the turn's
// Retry until the retry answers. In memory only: after a reload nothing of it was ever saved.
const cut = new Map<string, { agent: string | null; text: string }>();

export function keepCutReply(turnId: string, agent: string | null, text: string): void {
  if (text.trim()) cut.set(turnId, { agent, text });
}

export function cutReplyOf(turnId: string): { agent: string | null; text: string } | undefined {
  return cut.get(turnId);
}

export function forgetCutReply(turnId: string): void {
  cut.delete(turnId);
}
