// The file store over plain HTTP, beside tRPC: POST /api/files takes an upload (multipart),
// GET /api/files/:id gives back the stored bytes. Same guard and token as the API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../../db/client.ts';
import { isDatabaseUnavailable } from '../../db/errors.ts';
import { readFile } from '../../db/queries/files.ts';
import { isAuthorized } from '../auth.ts';
import { ERRORS } from '../errors.ts';
import { ingestUpload } from '../files/ingest-upload.ts';
import { uploadRefusals } from '../files/upload-refusals.ts';
import { drainRequest } from './drain-request.ts';
import { readUpload } from './read-upload.ts';
import { type Refusal, sendRefusal } from './refusals.ts';

export const FILES_PATH = '/api/files';

export type FilesRouteOptions = { db: Db; token?: string; maxBytes: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Ids are random and a file never changes under its id: a browser may keep it as long as it likes.
const CACHE = 'private, max-age=31536000, immutable';

const FILE_REFUSALS = {
  unauthorized: { status: 401, code: 'UNAUTHORIZED', message: ERRORS.UNAUTHORIZED.message },
  badId: { status: 400, code: 'BAD_REQUEST', message: 'The file id is malformed: it must be a UUID, as listed by files.list.' },
  notFound: { status: 404, code: 'NOT_FOUND', message: ERRORS.FILE_NOT_FOUND.message },
  method: {
    status: 405,
    code: 'METHOD_NOT_SUPPORTED',
    message: 'Use POST /api/files to upload and GET /api/files/<id> to download.',
  },
  unavailable: { status: 503, code: 'SERVICE_UNAVAILABLE', message: ERRORS.DATABASE_UNAVAILABLE.message },
} satisfies Record<string, Refusal>;

export function isFilesPath(path: string): boolean {
  return path === FILES_PATH || path.startsWith(`${FILES_PATH}/`);
}

export async function serveFiles(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  options: FilesRouteOptions,
): Promise<void> {
  const authorized = isAuthorized(
    { authorization: req.headers.authorization, connectionParams: null, isSubscription: false },
    options.token,
  );
  if (!authorized) {
    await drainRequest(req, options.maxBytes);
    return sendRefusal(res, FILE_REFUSALS.unauthorized, { connection: 'close' });
  }
  try {
    if (path === FILES_PATH) {
      if (req.method !== 'POST') return sendRefusal(res, FILE_REFUSALS.method);
      return await upload(req, res, options);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendRefusal(res, FILE_REFUSALS.method);
    return await download(req, res, path.slice(FILES_PATH.length + 1), options.db);
  } catch (error) {
    if (isDatabaseUnavailable(error)) return sendRefusal(res, FILE_REFUSALS.unavailable);
    throw error;
  }
}

async function upload(req: IncomingMessage, res: ServerResponse, options: FilesRouteOptions): Promise<void> {
  const refusals = uploadRefusals(options.maxBytes);
  const received = await readUpload(req, options.maxBytes, refusals);
  if ('status' in received) return sendRefusal(res, received, { connection: 'close' });
  const stored = await ingestUpload(options.db, received, refusals);
  if ('status' in stored) return sendRefusal(res, stored);
  res.writeHead(201, { 'content-type': 'application/json', 'cache-control': 'no-store', location: stored.url });
  res.end(JSON.stringify(stored));
}

async function download(req: IncomingMessage, res: ServerResponse, id: string, db: Db): Promise<void> {
  if (!UUID.test(id)) return sendRefusal(res, FILE_REFUSALS.badId);
  const file = await readFile(db, id);
  if (!file) return sendRefusal(res, FILE_REFUSALS.notFound);
  const disposition = file.kind === 'image' ? 'inline' : 'attachment';
  res.writeHead(200, {
    'content-type': file.contentType,
    'content-length': String(file.content.length),
    'content-disposition': `${disposition}; filename="${asciiName(file.name)}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'x-content-type-options': 'nosniff',
    'cache-control': CACHE,
    // Only this app's own pages may embed it; and whatever it is, it never runs as a page.
    'cross-origin-resource-policy': 'same-origin',
    'content-security-policy': "default-src 'none'; sandbox",
  });
  res.end(req.method === 'HEAD' ? undefined : file.content);
}

/** The fallback name for old clients: printable ASCII without quotes or backslashes. */
function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]|["\\]/g, '_');
}
