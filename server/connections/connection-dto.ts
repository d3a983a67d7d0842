// A connection as connections.list shows it: its tools with read/write and whether they ask, its
// state, the names of its headers or env variables — never their values.
import type { ExpertName } from '../../shared/roster.ts';
import { needsYes } from './approval-rules.ts';
import type { Connections } from './connections.ts';

export type ConnectionDto = {
  id: string;
  name: string;
  transport: 'stdio' | 'http';
  source: 'config' | 'api';
  experts: ExpertName[];
  url?: string;
  /** Names only: the values are secrets. */
  headerNames?: string[];
  envNames?: string[];
  status: 'ok' | 'error';
  error?: string;
  tools: { name: string; description: string; readOnly: boolean; approval: 'ask' | 'allow'; alwaysAllowed: boolean }[];
};

export async function listConnections(
  connections: Connections,
  businessId: string,
  allowed: Set<string>,
): Promise<ConnectionDto[]> {
  const listed = await connections.listed(businessId);
  const shown: ConnectionDto[] = listed.map(({ server, link, tools }) => {
    const { spec } = server;
    const where =
      spec.transport === 'http'
        ? { url: safeUrl(spec.url), headerNames: Object.keys(spec.headers) }
        : { envNames: Object.keys(spec.env) };
    return {
      id: server.id,
      name: spec.name,
      transport: spec.transport,
      source: server.source,
      experts: spec.experts,
      ...where,
      ...(tools ? { status: 'ok' as const } : { status: 'error' as const, error: link.error ?? 'unavailable' }),
      tools: (tools ?? []).map((tool) => {
        const alwaysAllowed = allowed.has(`${spec.name}\n${tool.name}`);
        return {
          name: tool.name,
          description: tool.description,
          readOnly: tool.readOnly,
          approval: needsYes(tool, spec.approval, alwaysAllowed) ? ('ask' as const) : ('allow' as const),
          alwaysAllowed,
        };
      }),
    };
  });
  const { problem, broken } = connections.config;
  const unusable = [
    ...(problem ? [{ name: 'SWITCHBOARD_MCP_CONFIG', transport: 'stdio' as const, error: problem }] : []),
    ...broken,
  ].map((b) => ({
    id: `config:${b.name}`,
    name: b.name,
    transport: b.transport,
    source: 'config' as const,
    experts: [],
    status: 'error' as const,
    error: b.error,
    tools: [],
  }));
  return [...unusable, ...shown];
}

/** A URL's credentials (user:password@, ?token=) are secrets too. */
function safeUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  parsed.search = parsed.search ? '?…' : '';
  return parsed.toString();
}
