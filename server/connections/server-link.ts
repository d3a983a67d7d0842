// One MCP server through the SDK's own client classes: connected on first use and kept, its tool
// list cached (refreshed on request or after a while), every step bounded in time. A server that
// fails is left alone for a short while, so a dead one costs a turn nothing.
import { type MCPServer, MCPServerStdio, MCPServerStreamableHttp } from '@openai/agents';
import type { ServerSpec } from './config-file.ts';

export type Limits = { connectMs: number; callMs: number; outputChars: number };

export const LIMITS: Limits = { connectMs: 10_000, callMs: 60_000, outputChars: 20_000 };

/** A tool as the server lists it, with what Switchboard reads of its annotations. */
export type ListedTool = { name: string; description: string; inputSchema: Record<string, unknown>; readOnly: boolean };

const LIST_FOR_MS = 5 * 60_000;
const RETRY_AFTER_MS = 30_000;

// Switchboard's own secrets stay out of the processes it starts.
const WITHHELD_ENV = ['OPENAI_API_KEY', 'SWITCHBOARD_TOKEN', 'DATABASE_URL'];

export class TimedOut extends Error {}

export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// The SDK's client logs a failed connect with its raw error (which may hold a URL's token); the
// link's error, cleaned of secrets, is what the owner and the log see instead.
const quiet = {
  namespace: 'switchboard:mcp',
  debug: () => {},
  error: () => {},
  warn: () => {},
  dontLogModelData: true,
  dontLogToolData: true,
};

function clientFor(spec: ServerSpec, limits: Limits): MCPServer {
  const common = {
    name: spec.name,
    logger: quiet,
    cacheToolsList: true,
    clientSessionTimeoutSeconds: limits.connectMs / 1000,
    timeout: limits.callMs,
  };
  if (spec.transport === 'http') {
    return new MCPServerStreamableHttp({ ...common, url: spec.url, requestInit: { headers: spec.headers } });
  }
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && !WITHHELD_ENV.includes(entry[0]),
    ),
  );
  return new MCPServerStdio({
    ...common,
    command: spec.command,
    args: spec.args,
    env: { ...inherited, ...spec.env },
    cwd: spec.cwd,
  });
}

/** Only what a person may read of an error: never a header or an env value. */
function reasonOf(error: unknown, spec: ServerSpec): string {
  let text = error instanceof Error ? error.message : String(error);
  const secrets = spec.transport === 'http' ? Object.values(spec.headers) : Object.values(spec.env);
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join('•••');
  return text.split('\n')[0]!.slice(0, 300);
}

export class ServerLink {
  readonly spec: ServerSpec;
  readonly #limits: Limits;
  #client: MCPServer | null = null;
  #tools: ListedTool[] | null = null;
  #listedAt = 0;
  #failedAt = 0;
  #listing: Promise<ListedTool[]> | null = null;
  error: string | null = null;

  constructor(spec: ServerSpec, limits: Limits = LIMITS) {
    this.spec = spec;
    this.#limits = limits;
  }

  /** The server's tools, listed at most every few minutes; throws why there are none. */
  tools(): Promise<ListedTool[]> {
    if (this.#tools && Date.now() - this.#listedAt < LIST_FOR_MS) return Promise.resolve(this.#tools);
    if (this.error && Date.now() - this.#failedAt < RETRY_AFTER_MS) return Promise.reject(new Error(this.error));
    this.#listing ??= this.#list().finally(() => (this.#listing = null));
    return this.#listing;
  }

  async #list(): Promise<ListedTool[]> {
    try {
      const client = this.#client ?? clientFor(this.spec, this.#limits);
      if (!this.#client) {
        this.#client = client;
        await within(client.connect(), this.#limits.connectMs, 'connecting');
      }
      await client.invalidateToolsCache();
      const listed = await within(client.listTools(), this.#limits.connectMs, 'listing its tools');
      this.#tools = listed.map((tool) => ({
        name: tool.name,
        description: (tool.description ?? '').slice(0, 2000),
        inputSchema: tool.inputSchema,
        readOnly: (tool as { annotations?: { readOnlyHint?: boolean } }).annotations?.readOnlyHint === true,
      }));
      this.#listedAt = Date.now();
      this.error = null;
      return this.#tools;
    } catch (error) {
      await this.#drop();
      this.error = `${this.spec.name} is unavailable: ${reasonOf(error, this.spec)}.`;
      this.#failedAt = Date.now();
      throw new Error(this.error);
    }
  }

  /** One call, bounded; a server that breaks mid-call (or hangs) is reconnected on its next use. */
  async call(tool: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
    if (!this.#client) await this.tools();
    const client = this.#client;
    if (!client) throw new Error(`${this.spec.name} is not connected`);
    try {
      const content = await within(
        client.callTool(tool, args, null, signal ? { signal } : undefined),
        this.#limits.callMs,
        'the call',
      );
      return textOf(content);
    } catch (error) {
      // A thrown call is the transport's failure (a tool's own failure comes back as content).
      await this.#drop();
      throw new Error(reasonOf(error, this.spec));
    }
  }

  /** Forgets the tool list, so the next use lists the tools again (and retries a failed server). */
  refresh(): void {
    this.#tools = null;
    this.#failedAt = 0;
  }

  async close(): Promise<void> {
    await this.#drop();
  }

  async #drop(): Promise<void> {
    const client = this.#client;
    this.#client = null;
    this.#tools = null;
    await client?.close().catch(() => {});
  }
}

function textOf(content: unknown): string {
  const items = Array.isArray(content) ? content : [content];
  return items
    .map((item: { type?: string; text?: string }) =>
      item?.type === 'text' ? (item.text ?? '') : `[${item?.type ?? 'unknown'} content left out]`,
    )
    .join('\n');
}
