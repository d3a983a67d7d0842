// The file store over plain HTTP, beside tRPC: POST /api/files takes an upload (multipart),
// GET /api/files/:id gives back the stored bytes. Same guard and token as the API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { isDatabaseUnavailable } from '../../db/errors.ts';
import { readChunks } from '../../db/queries/file-chunks.ts';
import { type FileInfo, readFileInfo } from '../../db/queries/files.ts';
import { isAuthorized } from '../auth.ts';
import { ERRORS } from '../errors.ts';
import { ingestUpload } from '../files/ingest-upload.ts';
import { uploadRefusals } from '../files/upload-refusals.ts';
import { drainRequest } from './drain-request.ts';
import { ABORTED, readUpload } from './read-upload.ts';
import { type Refusal, sendRefusal } from './refusals.ts';

export const FILES_PATH = '/api/files';

export type FilesRouteOptions = { db: Db; token?: string; maxBytes: number; logger: Logger };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Ids are random and a file never changes under its id: a browser may keep it as long as it likes.
const CACHE = 'private, max-age=31536000, immutable';
/** A download is read from the database this many chunks (1 MB) at a time, never whole. */
const CHUNKS_PER_READ = 4;

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
    return await download(req, res, path.slice(FILES_PATH.length + 1), options);
  } catch (error) {
    if (isDatabaseUnavailable(error)) return sendRefusal(res, FILE_REFUSALS.unavailable);
    throw error;
  }
}

async function upload(req: IncomingMessage, res: ServerResponse, options: FilesRouteOptions): Promise<void> {
  const refusals = uploadRefusals(options.maxBytes);
  const received = await readUpload(req, options.maxBytes, refusals);
  // Not the server's failure, and there is nobody to answer.
  if (received === ABORTED)
    return void options.logger.info({ requestId: res.getHeader('x-request-id') }, 'client hung up mid-upload');
  if ('status' in received) return sendRefusal(res, received, { connection: 'close' });
  const stored = await ingestUpload(options.db, received, refusals);
  if ('status' in stored) return sendRefusal(res, stored);
  res.writeHead(201, { 'content-type': 'application/json', 'cache-control': 'no-store', location: stored.url });
  res.end(JSON.stringify(stored));
}

async function download(req: IncomingMessage, res: ServerResponse, id: string, options: FilesRouteOptions): Promise<void> {
  if (!UUID.test(id)) return sendRefusal(res, FILE_REFUSALS.badId);
  const file = await readFileInfo(options.db, id);
  if (!file) return sendRefusal(res, FILE_REFUSALS.notFound);
  res.writeHead(200, {
    'content-type': file.contentType,
    'content-length': String(file.bytes),
    'content-disposition': contentDisposition(file.kind === 'image' ? 'inline' : 'attachment', file.name),
    'x-content-type-options': 'nosniff',
    'cache-control': CACHE,
    // Only this app's own pages may embed it; and whatever it is, it never runs as a page.
    'cross-origin-resource-policy': 'same-origin',
    'content-security-policy': "default-src 'none'; sandbox",
  });
  if (req.method === 'HEAD') return void res.end();
  // Past the headers a failure can only cut the response short, which the client sees by its length.
  await pipeline(Readable.from(slices(options.db, file)), res).catch((error: unknown) => {
    if (!res.writableFinished && !req.destroyed) options.logger.warn({ fileId: file.id, err: error }, 'file download cut short');
  });
}

async function* slices(db: Db, file: FileInfo): AsyncGenerator<Buffer> {
  let sent = 0;
  for (let seq = 0; sent < file.bytes; seq += CHUNKS_PER_READ) {
    const chunks = await readChunks(db, file.id, seq, CHUNKS_PER_READ);
    if (!chunks.length) throw new Error('the file was deleted during its download');
    for (const chunk of chunks) {
      sent += chunk.length;
      yield chunk;
    }
  }
}

/** RFC 6266: a quoted ASCII fallback, and the exact name as RFC 8187 UTF-8 (`filename*`). */
export function contentDisposition(disposition: 'inline' | 'attachment', name: string): string {
  return `${disposition}; filename="${asciiName(name)}"; filename*=UTF-8''${extValue(name)}`;
}

/** RFC 8187's attr-char is stricter than encodeURIComponent, which leaves ' ( ) * unescaped. */
function extValue(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The fallback name for old clients: printable ASCII without quotes or backslashes. */
function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]|["\\]/g, '_');
}
