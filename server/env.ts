// Reads and validates the environment once; empty strings count as unset.
import { z } from 'zod';
import { DEFAULT_PROFILE_TOKENS } from './business/profile-digest.ts';
import { DEFAULT_ROUTER_CONTEXT_TOKENS } from './memory/router-context.ts';

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const envSchema = z
  .object({
    PORT: optional(z.coerce.number().int().min(0).max(65535)).default(3000),
    HOST: optional(z.string()).default('127.0.0.1'),
    DATABASE_URL: optional(z.url({ message: 'must be a postgres:// URL' })),
    // One Postgres connection per running turn holds its conversation lock: the most turns one
    // instance runs at once; more wait for a free connection.
    DATABASE_LOCK_POOL_SIZE: optional(z.coerce.number().int().min(1).max(1000)).default(20),
    SWITCHBOARD_DATA_DIR: optional(z.string()).default('.switchboard/data'),
    OPENAI_API_KEY: optional(z.string()),
    OPENAI_BASE_URL: optional(z.url({ message: 'must be an http(s) URL' })),
    OPENAI_API: optional(z.enum(['responses', 'chat_completions'])),
    SWITCHBOARD_MODEL: optional(z.string()),
    // The Orchestrator's model (default SWITCHBOARD_MODEL): routing is a small classification.
    SWITCHBOARD_ROUTER_MODEL: optional(z.string()),
    // Only OpenAI's own API is priced by default (server/cost/pricing.ts).
    SWITCHBOARD_PRICES: optional(z.enum(['openai', 'none'])),
    SWITCHBOARD_TRACING: optional(z.enum(['openai', 'off'])).default('off'),
    SWITCHBOARD_MEMORY_TOKENS: optional(z.coerce.number().int().min(200).max(1_000_000)).default(8000),
    // What the Orchestrator reads: background and the last few messages, not the whole window.
    SWITCHBOARD_ROUTER_CONTEXT_TOKENS: optional(z.coerce.number().int().min(200).max(1_000_000)).default(
      DEFAULT_ROUTER_CONTEXT_TOKENS,
    ),
    // The business profile's share of every model call, apart from the conversation's; 0 leaves it out.
    SWITCHBOARD_PROFILE_TOKENS: optional(z.coerce.number().int().min(0).max(100_000)).default(DEFAULT_PROFILE_TOKENS),
    // How long OpenAI keeps a conversation's cached prefix (sent to OpenAI's own API only); unset: the API's default.
    SWITCHBOARD_CACHE_RETENTION: optional(z.enum(['24h', 'in-memory'])),
    SWITCHBOARD_MODEL_TIMEOUT_MS: optional(z.coerce.number().int().min(1000)).default(120_000),
    SWITCHBOARD_TOKEN: optional(z.string().min(8, { message: 'must be at least 8 characters' })),
    // Host names the server answers to besides loopback and HOST (e.g. the public name behind a
    // proxy), comma-separated.
    SWITCHBOARD_ALLOWED_HOSTS: optional(z.string()).transform((text) =>
      (text ?? '')
        .split(',')
        .map((name) => name.trim().toLowerCase())
        .filter(Boolean),
    ),
    // How long SIGTERM/SIGINT waits for running turns before failing them as interrupted.
    SWITCHBOARD_SHUTDOWN_GRACE_MS: optional(z.coerce.number().int().min(0).max(3_600_000)).default(30_000),
    // How often each instance fails running turns whose conversation lock nobody holds (stranded
    // by a database outage or a dead process).
    SWITCHBOARD_SWEEP_MS: optional(z.coerce.number().int().min(100).max(3_600_000)).default(30_000),
    // Creative's generate_image: the Images API model (OpenAI: on by default; a compatible server: only when set).
    SWITCHBOARD_IMAGE_MODEL: optional(z.string()),
    SWITCHBOARD_IMAGES_PER_TURN: optional(z.coerce.number().int().min(0).max(16)).default(4),
    // The largest file POST /api/files takes, and the largest image kept.
    SWITCHBOARD_UPLOAD_MAX_BYTES: optional(
      z.coerce
        .number()
        .int()
        .min(1024)
        .max(256 * 1024 * 1024),
    ).default(20 * 1024 * 1024),
    // A JSON file of MCP servers in the `mcpServers` shape of Claude Desktop (see README, Connections).
    SWITCHBOARD_MCP_CONFIG: optional(z.string()),
    SEARXNG_URL: optional(z.url({ message: 'must be an http(s) URL' })),
    // Told of every routine run that has no webhook of its own (routines.* `webhook`).
    SWITCHBOARD_NOTIFY_URL: optional(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' })),
    // Where the owner opens Switchboard, for links in notifications (default: the address it listens on).
    SWITCHBOARD_PUBLIC_URL: optional(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' })),
    LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])).default('info'),
  })
  .refine((env) => !env.OPENAI_BASE_URL || env.SWITCHBOARD_MODEL, {
    // Without it the SDK's default, an OpenAI model name, would be sent to the other server.
    path: ['SWITCHBOARD_MODEL'],
    message: 'required with OPENAI_BASE_URL: the name of the model that server runs (e.g. qwen2.5:7b)',
  });

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: NodeJS.ProcessEnv): { ok: true; env: Env } | { ok: false; problems: string[] } {
  const result = envSchema.safeParse(source);
  if (result.success) return { ok: true, env: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
  };
}
