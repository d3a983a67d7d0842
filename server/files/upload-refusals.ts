// Why an upload was refused, each in words for the person who sent it; nothing of a refused
// upload is stored.
import { ERRORS } from '../errors.ts';
import type { Refusal } from '../http/refusals.ts';
import { READ_LIMITS } from './read-limits.ts';

const ACCEPTED = 'Switchboard takes PDF (with a text layer), CSV, Markdown and plain-text files.';

const count = (n: number) => n.toLocaleString('en-US');
const unprocessable = (message: string): Refusal => ({ status: 422, code: 'UNPROCESSABLE_CONTENT', message });

/** Past a read limit: the file may be built to stall readers, or is simply more than one upload should be. */
export function overLimitRefusals(noun: 'PDF' | 'CSV file' | 'file') {
  return {
    'too-slow': unprocessable(
      `This ${noun} takes too long to read (over ${READ_LIMITS.timeMs / 1000} seconds), so it was refused. Save it again from the program that made it, or split it, then upload it again.`,
    ),
    'too-big': unprocessable(
      `This ${noun} needs more memory to read than Switchboard gives one file, so it was refused. Save it again from the program that made it, or split it, then upload it again.`,
    ),
    'too-long': unprocessable(
      `This ${noun} holds more than ${count(READ_LIMITS.chars)} characters of text, the most Switchboard reads from one file. Split it and upload the parts.`,
    ),
    'too-many-pages': unprocessable(
      `This PDF has more than ${count(READ_LIMITS.pages)} pages, the most Switchboard reads from one file. Split it and upload the parts.`,
    ),
    'too-many-rows': unprocessable(
      `This CSV file has more than ${count(READ_LIMITS.rows)} rows, the most Switchboard reads from one file. Split it and upload the parts.`,
    ),
  } satisfies Record<string, Refusal>;
}

export function uploadRefusals(maxBytes: number) {
  return {
    notMultipart: {
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'Send the file as multipart/form-data, in a form field named "file".',
    },
    noFile: { status: 400, code: 'BAD_REQUEST', message: 'No file arrived: attach it in a form field named "file".' },
    unfinished: {
      status: 400,
      code: 'BAD_REQUEST',
      message: 'The upload ended before the file did (the form has no closing boundary). Send it again.',
    },
    badBusinessId: { status: 400, code: 'BAD_REQUEST', message: 'businessId: must be a business id (a UUID).' },
    unknownBusiness: { status: 404, code: 'NOT_FOUND', message: ERRORS.BUSINESS_NOT_FOUND.message },
    tooLarge: {
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: `The file is larger than ${formatBytes(maxBytes)}, the most Switchboard takes. Split it or upload a shorter version.`,
    },
    executable: {
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: `This file is a program, not a document, so it was refused. ${ACCEPTED}`,
    },
    unsupported: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: `This kind of file is not supported. ${ACCEPTED}` },
    noTextLayer: {
      status: 422,
      code: 'UNPROCESSABLE_CONTENT',
      message:
        'This PDF has no text layer (it is probably scanned pages), so there is nothing to search. Run it through OCR or export it with text, then upload it again.',
    },
    empty: { status: 422, code: 'UNPROCESSABLE_CONTENT', message: 'This file has no text in it, so there is nothing to search.' },
    unreadable: {
      status: 422,
      code: 'UNPROCESSABLE_CONTENT',
      message:
        'This file could not be read: it looks damaged or is not what its name says. Check it opens, then upload it again.',
    },
  } satisfies Record<string, Refusal>;
}

export type UploadRefusals = ReturnType<typeof uploadRefusals>;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
