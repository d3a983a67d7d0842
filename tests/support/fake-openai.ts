// A local server that speaks OpenAI's Chat Completions API (streamed and not), so the SDK's real
// HTTP path runs in tests. Each request is answered by the test's own responder.

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildTeam } from '../../server/agents/team.ts';
import { TITLE_INSTRUCTIONS } from '../../server/turns/model-title.ts';
import type { ExpertName } from '../../shared/roster.ts';
import { NO_TOOLS, transferToolName } from './scripted-runtime.ts';

export type ChatMessage = { role: string; content?: string | null | { type: string; text?: string }[]; tool_calls?: unknown[] };
export type ChatRequest = {
  model: string;
  messages: ChatMessage[];
  tools?: { type: 'function'; function: { name: string; description?: string } }[];
  tool_choice?: unknown;
  /** Set when an agent asks for structured output (`outputType`). */
  response_format?: { type: string };
  stream?: boolean;
  prompt_cache_key?: string;
  prompt_cache_retention?: string;
};

/** Holds a streamed answer after its first `afterWords` words until `until` settles. */
export type Hold = { afterWords: number; until: Promise<void> };

export type FakeReply =
  | { text: string; hold?: Hold }
  | { toolCalls: { name: string; arguments: Record<string, unknown> }[] }
  /** An HTTP error; `retryAfterMs` sets the Retry-After-Ms header clients honour before retrying. */
  | { status: number; message?: string; retryAfterMs?: number }
  /** Sends part of a stream, then cuts the connection. */
  | { cutAfter: string }
  /** Sends part of a stream, then a chunk that is not JSON, then ends the stream. */
  | { malformedAfter: string }
  /** Sends part of a stream, then nothing more: the connection stays open. */
  | { stallAfter: string };

export type Responder = (request: ChatRequest) => FakeReply | Promise<FakeReply>;

export type ImageRequest = { model: string; prompt: string; size?: string; n?: number; response_format?: string };
/** The Images API's answer: an image (sent base64, as `b64_json`) or an HTTP error. */
export type ImageReply = { image: Buffer } | { status: number; message?: string };
export type ImageResponder = (request: ImageRequest) => ImageReply;

export type FakeOpenAI = {
  url: string;
  requests: ChatRequest[];
  /** What each request was billed, in the order of `requests`: as the usage the server reported. */
  usages: { promptTokens: number; cachedTokens: number; completionTokens: number }[];
  /** performance.now() at which each streamed reply's first text chunk was written. */
  firstTextAt: number[];
  setResponder(responder: Responder): void;
  imageRequests: ImageRequest[];
  setImageResponder(responder: ImageResponder): void;
  /**
   * The titler's calls (server/turns/model-title.ts) are answered apart, so they never take a
   * planned turn or show in `requests`; by default they fail and a conversation keeps its first
   * message as its title. `titleRequests` holds them.
   */
  setTitleResponder(responder: Responder): void;
  titleRequests: ChatRequest[];
  close(): Promise<void>;
};

const words = (text: string) => text.match(/\S+\s*/g) ?? [text];

/**
 * A prompt cache like OpenAI's, in characters/4: a request's cached tokens are its longest common
 * prefix (tools, then messages) with a recent request on the same model and cache key.
 */
export function promptCache(remember = 64) {
  const recent = new Map<string, string[]>();
  return (body: ChatRequest): { prompt: string; cachedTokens: number } => {
    const prompt = JSON.stringify([body.tools ?? [], body.messages]);
    const key = `${body.model}\u0000${body.prompt_cache_key ?? ''}`;
    const seen = recent.get(key) ?? [];
    let best = 0;
    for (const earlier of seen) {
      const limit = Math.min(earlier.length, prompt.length);
      let i = 0;
      while (i < limit && earlier.charCodeAt(i) === prompt.charCodeAt(i)) i += 1;
      best = Math.max(best, i);
    }
    seen.push(prompt);
    if (seen.length > remember) seen.shift();
    recent.set(key, seen);
    return { prompt, cachedTokens: best >> 2 };
  };
}

/**
 * `latencyMs`: before each answer; `wordDelayMs`: between streamed words, like a slow model;
 * `msPerThousandInputTokens`: a model that takes longer to start answering a longer prompt;
 * `tokensPerSecond`: a model that writes at that rate, streamed or not (text and tool calls alike),
 * so a call takes `latencyMs + k × input tokens + output tokens ÷ rate` (bench/latency-model.ts).
 */
export type FakeOptions = {
  latencyMs?: number;
  wordDelayMs?: number;
  msPerThousandInputTokens?: number;
  tokensPerSecond?: number;
};

/** Output tokens as this server counts them: characters ÷ 4, like its input tokens. */
export const outputTokensOf = (chars: number) => Math.ceil(chars / 4);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeOpenAI(responder: Responder, options: FakeOptions = {}): Promise<FakeOpenAI> {
  let respond = responder;
  const requests: ChatRequest[] = [];
  const usages: FakeOpenAI['usages'] = [];
  const firstTextAt: number[] = [];
  let counter = 0;
  const imageRequests: ImageRequest[] = [];
  let respondImage: ImageResponder = () => ({ status: 404, message: 'this test serves no images' });
  let respondTitle: Responder = () => ({ status: 400, message: 'this test writes no titles' });
  const titleRequests: ChatRequest[] = [];
  const cache = promptCache();

  const server = createServer(async (req, res) => {
    if (req.method === 'POST' && req.url?.endsWith('/images/generations')) {
      const request = JSON.parse(await readBody(req)) as ImageRequest;
      imageRequests.push(request);
      const answer = respondImage(request);
      res.writeHead('status' in answer ? answer.status : 200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          'status' in answer
            ? { error: { message: answer.message ?? 'fake failure', type: 'server_error' } }
            : { created: 0, data: [{ b64_json: answer.image.toString('base64') }] },
        ),
      );
      return;
    }
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
      return;
    }
    const body = JSON.parse(await readBody(req)) as ChatRequest;
    const forTitle = messageTexts(body)[0] === TITLE_INSTRUCTIONS;
    (forTitle ? titleRequests : requests).push(body);
    const { prompt, cachedTokens } = cache(body);
    const promptTokens = prompt.length >> 2;
    // Usage lines up with `requests`, one entry each: a title call is answered apart and not counted.
    const billed = { promptTokens, cachedTokens, completionTokens: 0 };
    if (!forTitle) usages.push(billed);
    const latencyMs = (options.latencyMs ?? 0) + ((options.msPerThousandInputTokens ?? 0) * promptTokens) / 1000;
    if (latencyMs) await sleep(latencyMs);
    const reply = await (forTitle ? respondTitle : respond)(body);
    // Written out at the model's rate from here: `writtenBy(chars)` waits until that much is written.
    const writingFrom = performance.now();
    const msPerToken = options.tokensPerSecond ? 1000 / options.tokensPerSecond : 0;
    const writtenBy = async (chars: number) => {
      const wait = writingFrom + outputTokensOf(chars) * msPerToken - performance.now();
      if (wait > 0) await sleep(wait);
    };
    const id = `chatcmpl-${++counter}`;
    const base = { id, object: 'chat.completion.chunk', created: 0, model: body.model };

    if ('status' in reply) {
      res.writeHead(reply.status, {
        'content-type': 'application/json',
        ...(reply.retryAfterMs === undefined ? {} : { 'retry-after-ms': String(reply.retryAfterMs) }),
      });
      res.end(JSON.stringify({ error: { message: reply.message ?? 'fake failure', type: 'server_error' } }));
      return;
    }
    const text =
      'text' in reply
        ? reply.text
        : 'cutAfter' in reply
          ? reply.cutAfter
          : 'malformedAfter' in reply
            ? reply.malformedAfter
            : 'stallAfter' in reply
              ? reply.stallAfter
              : '';
    const toolCalls = ('toolCalls' in reply ? reply.toolCalls : []).map((call, index) => ({
      index,
      id: `call_${id}_${index}`,
      type: 'function' as const,
      function: { name: call.name, arguments: JSON.stringify(call.arguments) },
    }));
    // A tool call is written as its name and arguments.
    const toolChars = toolCalls.reduce((sum, call) => sum + call.function.name.length + call.function.arguments.length, 0);
    const usage = {
      prompt_tokens: promptTokens,
      prompt_tokens_details: { cached_tokens: cachedTokens },
      completion_tokens: outputTokensOf(text.length + toolChars),
    };
    billed.completionTokens = usage.completion_tokens;
    const finish = toolCalls.length ? 'tool_calls' : 'stop';

    if (!body.stream) {
      await writtenBy(text.length + toolChars);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created: 0,
          model: body.model,
          choices: [
            {
              index: 0,
              finish_reason: finish,
              message: { role: 'assistant', content: text || null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) },
            },
          ],
          usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
        }),
      );
      return;
    }

    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (chunk: unknown) => res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    send({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    if (text) firstTextAt.push(performance.now());
    const hold = 'hold' in reply ? reply.hold : undefined;
    let written = 0;
    for (const [index, piece] of words(text).entries()) {
      if (hold && index === hold.afterWords) await hold.until;
      if (options.wordDelayMs && index > 0) await sleep(options.wordDelayMs);
      await writtenBy((written += piece.length));
      send({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
    }
    if ('cutAfter' in reply) {
      // Once what was sent has left, so the client sees a reply start and then break off.
      res.write('', () => res.destroy());
      return;
    }
    if ('stallAfter' in reply) return;
    if ('malformedAfter' in reply) {
      res.end('data: {"id": "broken", "choices": [{\n\ndata: [DONE]\n\n');
      return;
    }
    if (toolCalls.length) {
      await writtenBy(written + toolChars);
      send({ ...base, choices: [{ index: 0, delta: { tool_calls: toolCalls }, finish_reason: null }] });
    }
    send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finish }] });
    send({ ...base, choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } });
    res.end('data: [DONE]\n\n');
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    usages,
    firstTextAt,
    setResponder: (next) => (respond = next),
    imageRequests,
    setImageResponder: (next) => (respondImage = next),
    setTitleResponder: (next) => (respondTitle = next),
    titleRequests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Plain texts of a request's messages, whatever their content shape. */
export function messageTexts(request: ChatRequest): string[] {
  return request.messages.flatMap((m) => {
    if (typeof m.content === 'string') return [m.content];
    if (Array.isArray(m.content)) return m.content.flatMap((c) => (c.text ? [c.text] : []));
    return [];
  });
}

/**
 * A scripted "model" for whole-app tests: each planned turn routes to its expert (the
 * Orchestrator's call carries transfer tools) and then answers with the planned text.
 */
export function plannedTurns(
  plan: { route: ExpertName; reason?: string; reply: string | ((request: ChatRequest) => string); hold?: Hold }[],
): Responder {
  const queue = [...plan];
  const team = buildTeam(NO_TOOLS);
  return (request) => {
    const transfer = request.tools?.find((t) => t.function.name.startsWith('transfer_to_'));
    const next = queue[0];
    if (!next) return { status: 500, message: 'the test plan has no more turns' };
    if (transfer) {
      const name = transferToolName(team, next.route);
      return { toolCalls: [{ name, arguments: { reason: next.reason ?? `The user needs ${next.route}.` } }] };
    }
    queue.shift();
    return { text: typeof next.reply === 'function' ? next.reply(request) : next.reply, hold: next.hold };
  };
}

/**
 * A stateless "model" for concurrent turns: the Orchestrator always hands off to `expert`, which
 * answers `Echo: <the user's latest message>`.
 */
export function echoTurns(expert: ExpertName = 'Producing'): Responder {
  return (request) => {
    const transfer = request.tools?.find((t) => t.function.name.startsWith(`transfer_to_${expert}`));
    if (transfer) return { toolCalls: [{ name: transfer.function.name, arguments: { reason: 'echo' } }] };
    const lastUser = request.messages.filter((m) => m.role === 'user').at(-1);
    return { text: `Echo: ${lastUser ? messageTexts({ ...request, messages: [lastUser] }).join('') : ''}` };
  };
}

/** The Orchestrator hands off to `expert`, which calls `tool` once and then answers with `answer(toolResult)`. */
export function toolTurn(expert: string, tool: string, args: Record<string, unknown>, answer: (toolResult: string) => string) {
  return (request: ChatRequest): FakeReply => {
    const transfer = request.tools?.find((t) => t.function.name === `transfer_to_${expert}`);
    if (transfer) return { toolCalls: [{ name: transfer.function.name, arguments: { reason: 'test' } }] };
    // The handoff's own result is a tool message too: look for the result of this tool's call.
    const called = request.messages.some((m) => JSON.stringify(m.tool_calls ?? []).includes(`"name":"${tool}"`));
    if (!called) return { toolCalls: [{ name: tool, arguments: args }] };
    const result = request.messages.at(-1)!;
    return { text: answer(typeof result.content === 'string' ? result.content : JSON.stringify(result.content)) };
  };
}
