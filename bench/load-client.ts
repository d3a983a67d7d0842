// The load's client side: many conversations at once, each a sequence of turns, spread over the
// server instances; then a check that every message is stored exactly once.
export type TurnSample = { conversation: number; turn: number; latencyMs: number; ok: boolean };
export type DriveResult = { samples: TurnSample[]; conversationIds: string[]; wallMs: number };

type SendAnswer = { result?: { data: { conversationId: string } } };
type HistoryAnswer = { result?: { data: { messages: { role: string; content: string }[] } } };

const REQUEST_TIMEOUT_MS = 60_000;

export const messageFor = (conversation: number, turn: number) => `Load c${conversation} t${turn}: plan my week`;

/** Turn t of conversation c goes to instance (c + t) mod n, so consecutive turns switch instance. */
export async function driveConversations(options: {
  urls: string[];
  conversations: number;
  turns: number;
  deadline: number;
}): Promise<DriveResult> {
  const { urls, conversations, turns, deadline } = options;
  const samples: TurnSample[] = [];
  const conversationIds: string[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: conversations }, async (_, c) => {
      let conversationId: string | undefined;
      for (let t = 0; t < turns && Date.now() < deadline; t += 1) {
        const url = urls[(c + t) % urls.length]!;
        const body = { conversationId, message: messageFor(c, t), clientMessageId: `c${c}-t${t}` };
        const before = performance.now();
        const answer = await send(url, body);
        samples.push({ conversation: c, turn: t, latencyMs: performance.now() - before, ok: Boolean(answer?.result) });
        conversationId ??= answer?.result?.data.conversationId;
        if (!conversationId) return;
      }
      if (conversationId) conversationIds[c] = conversationId;
    }),
  );
  return { samples, conversationIds, wallMs: performance.now() - started };
}

async function send(url: string, body: object): Promise<SendAnswer | undefined> {
  try {
    const response = await fetch(`${url}/api/trpc/chat.send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return (await response.json()) as SendAnswer;
  } catch {
    return undefined;
  }
}

/**
 * Lost: a turn the client saw succeed whose message or reply is missing. Duplicated: a message
 * stored more than once, or a reply too many.
 */
export async function verifyConversations(
  url: string,
  { conversationIds, samples }: DriveResult,
): Promise<{ lost: number; duplicated: number }> {
  let lost = 0;
  let duplicated = 0;
  for (const [c, conversationId] of conversationIds.entries()) {
    if (!conversationId) continue;
    const input = encodeURIComponent(JSON.stringify({ conversationId }));
    const history = (await (await fetch(`${url}/api/trpc/chat.history?input=${input}`)).json()) as HistoryAnswer;
    const stored = history.result?.data.messages ?? [];
    for (const { turn } of samples.filter((s) => s.conversation === c && s.ok)) {
      const text = messageFor(c, turn);
      const copies = stored.filter((m) => m.role === 'user' && m.content === text).length;
      const replies = stored.filter((m) => m.role === 'assistant' && m.content === `Echo: ${text}`).length;
      lost += Number(copies === 0) + Number(replies === 0);
      duplicated += Math.max(0, copies - 1) + Math.max(0, replies - 1);
    }
  }
  return { lost, duplicated };
}
