// The checks every request passes before any handler: a readable address, a Host this server
// answers to, and — for anything that stores data or spends model tokens — not sent by another site.
import type { IncomingMessage } from 'node:http';
import { appRouter } from '../routers/index.ts';
import { isFilesPath } from './files-route.ts';
import { isWellFormedUrl } from './read-body.ts';
import { REFUSALS, type Refusal } from './refusals.ts';
import { hostIsServed, isCrossSite, type RequestPolicy } from './request-policy.ts';

const TRPC_BASE = '/api/trpc/';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// Subscriptions are GETs that run a turn (chat.stream) or hold a stream open: as costly as a mutation.
const subscriptions = new Set(
  // At run time the record is flat, keyed by dotted path ("chat.stream").
  Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>)
    .filter(([, procedure]) => procedure._def.type === 'subscription')
    .map(([path]) => path),
);

export function refusalFor(req: IncomingMessage, policy: RequestPolicy): Refusal | null {
  const url = req.url ?? '/';
  if (!isWellFormedUrl(url)) return REFUSALS.malformedUrl;
  if (!hostIsServed(req.headers, policy)) return REFUSALS.wrongHost;
  if (changesState(req.method ?? 'GET', url) && isCrossSite(req.headers, policy)) return REFUSALS.crossSite;
  return null;
}

function changesState(method: string, url: string): boolean {
  if (!SAFE_METHODS.has(method)) return true;
  const path = url.split('?')[0]!;
  // Not a change, but another site must not embed the owner's files (an <img> of their logo).
  if (isFilesPath(path)) return true;
  if (!path.startsWith(TRPC_BASE)) return false;
  return decodeURIComponent(path.slice(TRPC_BASE.length))
    .split(',')
    .some((name) => subscriptions.has(name));
}
