// Reads one multipart upload, streaming: the size limit is enforced while bytes arrive, so an
// oversized file is refused without ever being held whole.

import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import type { UploadRefusals } from '../files/upload-refusals.ts';
import { drainRequest } from './drain-request.ts';
import type { Refusal } from './refusals.ts';

export type Upload = { name: string; content: Buffer; fields: Record<string, string> };

/** Multipart framing (boundaries, part headers, small fields) on top of the file itself. */
const FRAMING_BYTES = 64 * 1024;
/** After a refusal the rest is read and dropped so the client hears it, up to this many times the limit. */
const DRAIN_FACTOR = 4;

export function readUpload(req: IncomingMessage, maxBytes: number, refusals: UploadRefusals): Promise<Upload | Refusal> {
  if (!/^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')) return refuse(req, maxBytes, refusals.notMultipart);
  if (Number(req.headers['content-length'] ?? 0) > maxBytes + FRAMING_BYTES) return refuse(req, maxBytes, refusals.tooLarge);
  return new Promise((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { files: 1, fileSize: maxBytes, fields: 8, fieldSize: 1024, parts: 12 },
      });
    } catch {
      return resolve(refuse(req, maxBytes, refusals.notMultipart)); // no boundary, or a type busboy cannot read
    }
    const fields: Record<string, string> = {};
    let file: { name: string; chunks: Buffer[] } | null = null;
    let settled = false;
    const finish = (result: Upload | Refusal) => {
      if (settled) return;
      settled = true;
      if (!('status' in result)) return resolve(result);
      req.unpipe(parser);
      resolve(refuse(req, maxBytes, result));
    };

    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || file) return void stream.resume();
      const current = { name: info.filename ?? '', chunks: [] as Buffer[] };
      file = current;
      stream.on('data', (chunk: Buffer) => current.chunks.push(chunk));
      stream.on('limit', () => finish(refusals.tooLarge));
    });
    parser.on('close', () => {
      if (!file) return finish(refusals.noFile);
      finish({ name: file.name, content: Buffer.concat(file.chunks), fields });
    });
    parser.on('error', () => finish(refusals.notMultipart));
    req.on('error', () => finish(refusals.noFile));
    req.pipe(parser);
  });
}

async function refuse(req: IncomingMessage, maxBytes: number, refusal: Refusal): Promise<Refusal> {
  await drainRequest(req, maxBytes * DRAIN_FACTOR);
  return refusal;
}
