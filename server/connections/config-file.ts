// SWITCHBOARD_MCP_CONFIG: the `mcpServers` file people already write for Claude Desktop, Cursor or
// VS Code, plus Switchboard's own keys per server (`experts`, `approval`). A bad file or entry is
// a sentence for the owner, never a crash: the servers that are fine still load.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { EXPERT_NAMES, type ExpertName } from '../../shared/roster.ts';

const approval = z
  .object({ ask: z.array(z.string()).default([]), never: z.array(z.string()).default([]) })
  .strict()
  .default({ ask: [], never: [] });

const shared = {
  experts: z.array(z.string()).default([]),
  approval,
};

const stdio = z.object({
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).default({}),
  ...shared,
});

const http = z.object({
  url: z.url({ message: 'must be an http(s) URL' }),
  headers: z.record(z.string(), z.string()).default({}),
  ...shared,
});

const fileSchema = z.object({ mcpServers: z.record(z.string(), z.unknown()) });

export type ApprovalRules = { ask: string[]; never: string[] };

export type ServerSpec = { name: string; experts: ExpertName[]; approval: ApprovalRules } & (
  | { transport: 'stdio'; command: string; args: string[]; env: Record<string, string>; cwd: string }
  | { transport: 'http'; url: string; headers: Record<string, string> }
);

/** A server that could not be loaded: shown in connections.list with the reason. */
export type BrokenServer = { name: string; transport: 'stdio' | 'http'; error: string };

export type ConfigFile = { servers: ServerSpec[]; broken: BrokenServer[]; problem: string | null };

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

export function readConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return empty(`SWITCHBOARD_MCP_CONFIG: cannot read ${path} (${code === 'ENOENT' ? 'no such file' : code}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return empty(`SWITCHBOARD_MCP_CONFIG: ${path} is not valid JSON.`);
  }
  const file = fileSchema.safeParse(json);
  if (!file.success) return empty(`SWITCHBOARD_MCP_CONFIG: ${path} needs an "mcpServers" object, as Claude Desktop writes it.`);
  const folder = dirname(resolve(path));
  const servers: ServerSpec[] = [];
  const broken: BrokenServer[] = [];
  for (const [name, entry] of Object.entries(file.data.mcpServers)) {
    const parsed = parseServer(name, entry, folder);
    if ('error' in parsed) broken.push(parsed);
    else servers.push(parsed);
  }
  return { servers, broken, problem: null };
}

function parseServer(name: string, entry: unknown, folder: string): ServerSpec | BrokenServer {
  const transport = entry && typeof entry === 'object' && 'url' in entry ? 'http' : 'stdio';
  const fail = (error: string): BrokenServer => ({ name, transport, error: `Server "${name}": ${error}` });
  if (!NAME.test(name)) return fail('its name must be 1–32 letters, digits, "-" or "_" (it prefixes its tools).');
  const result = (transport === 'http' ? http : stdio).safeParse(entry);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const message = issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
    return fail(`${issue.path.join('.') || 'entry'} ${message}.`);
  }
  const unknown = result.data.experts.filter((expert) => !EXPERT_NAMES.includes(expert as ExpertName));
  if (unknown.length) return fail(`"${unknown.join('", "')}" is not an expert (experts: ${EXPERT_NAMES.join(', ')}).`);
  const base = { name, experts: result.data.experts as ExpertName[], approval: result.data.approval };
  if ('url' in result.data) return { ...base, transport: 'http', url: result.data.url, headers: result.data.headers };
  const data = result.data as z.infer<typeof stdio>;
  // Relative paths are the file's, as its author sees them; bare commands (npx, node) stay on PATH.
  const local = (value: string) => (value.startsWith('./') || value.startsWith('../') ? resolve(folder, value) : value);
  return {
    ...base,
    transport: 'stdio',
    command: isAbsolute(data.command) ? data.command : local(data.command),
    args: data.args.map(local),
    env: data.env,
    cwd: folder,
  };
}

function empty(problem: string): ConfigFile {
  return { servers: [], broken: [], problem };
}
