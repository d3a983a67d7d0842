// Reads one multipart upload, streaming: the size limit is enforced while bytes arrive, so an
// oversized file is refused without ever being held whole.

import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import type { UploadRefusals } from '../files/upload-refusals.ts';
import { drainRequest } from './drain-request.ts';
import type { Refusal } from './refusals.ts';

export type Upload = { name: string; content: Buffer; fields: Record<string, string> };
/** The client hung up before its upload arrived: nobody is left to answer. */
export const ABORTED = 'aborted';

/** Multipart framing (boundaries, part headers, small fields) on top of the file itself. */
const FRAMING_BYTES = 64 * 1024;
/** After a refusal the rest is read and dropped so the client hears it, up to this many times the limit. */
const DRAIN_FACTOR = 4;

export function readUpload(
  req: IncomingMessage,
  maxBytes: number,
  refusals: UploadRefusals,
): Promise<Upload | Refusal | typeof ABORTED> {
  if (!/^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')) return refuse(req, maxBytes, refusals.notMultipart);
  if (Number(req.headers['content-length'] ?? 0) > maxBytes + FRAMING_BYTES) return refuse(req, maxBytes, refusals.tooLarge);
  return new Promise((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        // One byte over: busboy reports its limit when a file reaches it, and a file of exactly the limit is allowed.
        limits: { files: 1, fileSize: maxBytes + 1, fields: 8, fieldSize: 1024, parts: 12 },
      });
    } catch {
      return resolve(refuse(req, maxBytes, refusals.notMultipart)); // no boundary, or a type busboy cannot read
    }
    const fields: Record<string, string> = {};
    let file: { name: string; chunks: Buffer[] } | null = null;
    let settled = false;
    const finish = (result: Upload | Refusal | typeof ABORTED) => {
      if (settled) return;
      settled = true;
      if (result === ABORTED || !('status' in result)) return resolve(result);
      req.unpipe(parser);
      resolve(refuse(req, maxBytes, result));
    };

    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || file) return void stream.resume();
      const current = { name: formName(info.filename ?? ''), chunks: [] as Buffer[] };
      file = current;
      stream.on('data', (chunk: Buffer) => current.chunks.push(chunk));
      stream.on('limit', () => finish(refusals.tooLarge));
      // A part cut off before its boundary ends the file stream with an error: the form was unfinished.
      stream.on('error', () => finish(refusals.unfinished));
    });
    parser.on('close', () => {
      if (!file) return finish(refusals.noFile);
      finish({ name: file.name, content: Buffer.concat(file.chunks), fields });
    });
    parser.on('error', (error: Error) =>
      finish(/unexpected end/i.test(error.message) ? refusals.unfinished : refusals.notMultipart),
    );
    req.on('aborted', () => finish(ABORTED));
    req.on('error', () => finish(ABORTED));
    req.pipe(parser);
  });
}

/**
 * Browsers write a file name's `"`, carriage return and line feed as %22, %0D and %0A in the form
 * (HTML's multipart encoding, after RFC 7578); nothing else is escaped, so only these are undone.
 */
function formName(raw: string): string {
  return raw.replace(/%(22|0D|0A)/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

async function refuse(req: IncomingMessage, maxBytes: number, refusal: Refusal): Promise<Refusal> {
  await drainRequest(req, maxBytes * DRAIN_FACTOR);
  return refusal;
}
