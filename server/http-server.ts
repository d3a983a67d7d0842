// One Node HTTP server: tRPC at /api/trpc, health at /api/health, the SPA everywhere else. Every
// request passes the guard first; every failure below it becomes a response, never a crash.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { Logger } from 'pino';
import { isAuthorized } from './auth.ts';
import type { Connections } from './connections/connections.ts';
import { isFilesPath, serveFiles } from './http/files-route.ts';
import { refusalFor } from './http/guard.ts';
import { MAX_BATCH_SIZE, MAX_BODY_BYTES } from './http/limits.ts';
import { readTextBody } from './http/read-body.ts';
import { REFUSALS, sendRefusal } from './http/refusals.ts';
import type { RequestPolicy } from './http/request-policy.ts';
import { errorSummary } from './log-bounds.ts';
import { appRouter } from './routers/index.ts';
import type { Routines } from './routines/routines.ts';
import { serveStatic } from './static-files.ts';
import type { TurnDeps } from './turns/run-turn.ts';

export type Health = {
  ok: boolean;
  database: 'pglite' | 'postgres';
  model: { configured: boolean; api: string; name: string | null };
  webSearch: 'hosted' | 'searxng' | 'none';
  images: 'openai' | 'compatible' | 'off';
};

export type HttpOptions = {
  chat: TurnDeps;
  routines: Routines;
  health: () => Promise<Health>;
  token?: string;
  /** The owner's MCP servers for connections.*; absent, those procedures answer that none are set up. */
  connections?: Connections;
  /** The largest file POST /api/files takes. */
  uploadMaxBytes: number;
  policy: RequestPolicy;
  staticRoot: string;
  logger: Logger;
  /** True once shutdown began: new requests are turned away while running turns finish. */
  isDraining: () => boolean;
};

const TRPC_BASE = '/api/trpc/';

export function createHttpServer(options: HttpOptions): Server {
  const { logger } = options;
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: TRPC_BASE,
    maxBodySize: MAX_BODY_BYTES,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: ({ req, res, info }) => ({
      chat: options.chat,
      connections: options.connections,
      routines: options.routines,
      authorized: isAuthorized(
        {
          authorization: req.headers.authorization,
          connectionParams: info.connectionParams,
          isSubscription: info.type === 'subscription',
        },
        options.token,
      ),
      requestId: String(res.getHeader('x-request-id')),
    }),
    onError: ({ error, path, ctx }) => {
      const requestId = ctx?.requestId;
      if (error.code === 'INTERNAL_SERVER_ERROR') logger.error({ path, requestId, err: error.cause ?? error }, 'request failed');
      if (error.code === 'SERVICE_UNAVAILABLE')
        logger.warn({ path, requestId, reason: errorSummary(error.cause) }, 'database unavailable');
    },
  });
  const spa = serveStatic(options.staticRoot);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('x-request-id', randomUUID());
    if (options.isDraining()) return sendRefusal(res, REFUSALS.shuttingDown, { connection: 'close' });
    const refusal = refusalFor(req, options.policy);
    if (refusal) return sendRefusal(res, refusal);
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/api/health') return sendHealth(res, await options.health().catch(() => null));
    if (isFilesPath(path))
      return serveFiles(req, res, path, { db: options.chat.db, token: options.token, maxBytes: options.uploadMaxBytes, logger });
    if (path.startsWith(TRPC_BASE)) {
      if (req.method === 'POST') {
        const body = await readTextBody(req, MAX_BODY_BYTES);
        if (typeof body !== 'string') return sendRefusal(res, body, { connection: 'close' });
        // tRPC's Node adapter takes a body already read from req.body.
        (req as IncomingMessage & { body?: string }).body = body;
      }
      return trpc(req, res);
    }
    if (path.startsWith('/api/')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'No such endpoint. The API lives under /api/trpc/.' } }));
      return;
    }
    spa(req, res);
  }

  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error, requestId: res.getHeader('x-request-id'), url: req.url }, 'request handler failed');
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'Something went wrong on the server. It has been logged; try again.' } }));
      } else res.destroy();
    });
  });
}

function sendHealth(res: ServerResponse, body: Health | null): void {
  res.writeHead(body?.ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body ?? { ok: false }));
}
