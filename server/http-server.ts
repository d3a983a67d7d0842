// One Node HTTP server: tRPC at /api/trpc, health at /api/health, the SPA everywhere else.
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import { isAuthorized } from './auth.ts';
import { appRouter } from './routers/index.ts';
import { serveStatic } from './static-files.ts';
import type { TurnDeps } from './turns/run-turn.ts';

export type Health = {
  ok: boolean;
  database: 'pglite' | 'postgres';
  model: { configured: boolean; api: string; name: string | null };
  webSearch: 'hosted' | 'searxng' | 'none';
};

export type HttpOptions = {
  chat: TurnDeps;
  health: () => Promise<Health>;
  token?: string;
  staticRoot: string;
  exposeStacks: boolean;
  logger: Logger;
};

const MAX_BODY_BYTES = 256 * 1024;

export function createHttpServer(options: HttpOptions): Server {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/api/trpc/',
    maxBodySize: MAX_BODY_BYTES,
    createContext: ({ req, info }) => ({
      chat: options.chat,
      authorized: isAuthorized(req, info.connectionParams, options.token),
      exposeStacks: options.exposeStacks,
    }),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') options.logger.error({ path, err: error.cause ?? error }, 'request failed');
      if (error.code === 'SERVICE_UNAVAILABLE') options.logger.warn({ path, reason: error.cause?.message }, 'database unavailable');
    },
  });
  const spa = serveStatic(options.staticRoot);

  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/api/health') {
      options
        .health()
        .then((body) => {
          res.writeHead(body.ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
          res.end(JSON.stringify(body));
        })
        .catch(() => {
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: false }));
        });
      return;
    }
    if (path.startsWith('/api/trpc/')) return void trpc(req, res);
    if (path.startsWith('/api/')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'No such endpoint. The API lives under /api/trpc/.' } }));
      return;
    }
    spa(req, res);
  });
}
