// The owner's connections: the config file's servers (every business) and the ones added through
// the API (one business each). Gives each turn the tools its experts may use, and connections.list
// what there is, with each server's state; never a header or env value.
import type { Tool } from '@openai/agents';
import type { Db } from '../../db/client.ts';
import { allowedTools } from '../../db/queries/allowances.ts';
import { connectionsOf } from '../../db/queries/connections.ts';
import type { ConnectionRow } from '../../db/schema.ts';
import type { ExpertName } from '../../shared/roster.ts';
import type { TurnContext } from '../agents/turn-context.ts';
import { needsYes } from './approval-rules.ts';
import type { ConfigFile, ServerSpec } from './config-file.ts';
import { mcpTool, toolName, unreachableTool } from './mcp-tools.ts';
import { LIMITS, type Limits, type ListedTool, ServerLink, within } from './server-link.ts';
import type { CallTarget, PausedCall, TurnTools, TurnToolset } from './turn-tools.ts';

export type Source = { id: string; source: 'config' | 'api'; spec: ServerSpec };
type Listed = { server: Source; link: ServerLink; tools: ListedTool[] | null };

export const configId = (name: string) => `config:${name}`;

function apiSpec(row: ConnectionRow): ServerSpec {
  return {
    name: row.name,
    transport: 'http',
    url: row.url,
    headers: row.headers,
    experts: row.experts as ExpertName[],
    approval: { ask: [], never: [] },
  };
}

export class Connections implements TurnTools {
  readonly config: ConfigFile;
  readonly #db: Db;
  readonly #limits: Limits;
  readonly #links = new Map<string, ServerLink>();

  constructor(db: Db, config: ConfigFile, limits: Limits = LIMITS) {
    this.#db = db;
    this.config = config;
    this.#limits = limits;
  }

  async sources(businessId: string): Promise<Source[]> {
    const fromConfig = this.config.servers.map((spec) => ({ id: configId(spec.name), source: 'config' as const, spec }));
    const fromApi = (await connectionsOf(this.#db, businessId)).map((row) => ({
      id: row.id,
      source: 'api' as const,
      spec: apiSpec(row),
    }));
    return [...fromConfig, ...fromApi];
  }

  /** Each server's tools, or null with the link's error; bounded as a whole, so a hanging server costs one bound. */
  async listed(businessId: string, only?: (source: Source) => boolean): Promise<Listed[]> {
    const sources = (await this.sources(businessId)).filter(only ?? (() => true));
    return Promise.all(
      sources.map(async (server) => {
        const link = this.#link(server);
        const tools = await within(link.tools(), this.#limits.connectMs * 2, 'connecting').catch((error: unknown) => {
          link.error ??= error instanceof Error ? error.message : String(error);
          return null;
        });
        return { server, link, tools };
      }),
    );
  }

  async forTurn(businessId: string, _signal?: AbortSignal, paused: PausedCall[] = []): Promise<TurnToolset | null> {
    const listed = await this.listed(businessId, (source) => source.spec.experts.length > 0);
    if (!listed.length && !paused.length) return null;
    const allowed = new Set((await allowedTools(this.#db, businessId)).map((a) => `${a.server}\n${a.tool}`));
    const toolset: TurnToolset & { targets: Map<string, CallTarget> } = {
      tools: {},
      notes: {},
      targets: new Map(),
      target: (name) => toolset.targets.get(name) ?? null,
    };
    for (const { server, link, tools } of listed) {
      const { spec } = server;
      for (const expert of spec.experts) {
        if (!tools) {
          toolset.notes[expert] =
            `${toolset.notes[expert] ?? ''}The owner's "${spec.name}" connection is unavailable this turn (${link.error}). If the request needs it, say so plainly; never pretend you used it.\n`;
          continue;
        }
        for (const listedTool of tools) {
          const asks = needsYes(listedTool, spec.approval, allowed.has(`${spec.name}\n${listedTool.name}`));
          const made: Tool<TurnContext> = mcpTool(link, listedTool, { needsYes: asks, limits: this.#limits });
          toolset.targets.set(made.name, { server: spec.name, tool: listedTool.name });
          (toolset.tools[expert] ??= []).push(made);
        }
      }
    }
    for (const call of paused) {
      const name = toolName(call.server, call.tool);
      if (toolset.targets.has(name)) continue;
      const link = listed.find((l) => l.server.spec.name === call.server)?.link;
      toolset.targets.set(name, { server: call.server, tool: call.tool });
      (toolset.tools[call.agent as ExpertName] ??= []).push(
        unreachableTool(call, link?.error ?? 'it is no longer connected', this.#limits),
      );
    }
    return toolset;
  }

  /** Drops a server's cached tool list (all of them when no id), so the next use lists them again. */
  refresh(id?: string): void {
    for (const [key, link] of this.#links) if (!id || key === id) link.refresh();
  }

  /** A changed or removed API server: its link goes, the next use connects afresh. */
  async forget(id: string): Promise<void> {
    await this.#links.get(id)?.close();
    this.#links.delete(id);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#links.values()].map((link) => link.close()));
    this.#links.clear();
  }

  #link(server: Source): ServerLink {
    let link = this.#links.get(server.id);
    // Changed on another instance: the old link's address or headers are stale.
    if (link && JSON.stringify(link.spec) !== JSON.stringify(server.spec)) {
      void link.close();
      link = undefined;
    }
    if (!link) this.#links.set(server.id, (link = new ServerLink(server.spec, this.#limits)));
    return link;
  }
}
