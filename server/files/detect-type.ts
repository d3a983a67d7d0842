// What an upload is, decided by its bytes as much as by its name: a renamed program or image is
// refused whatever it is called, and a text file must really be text, in an encoding we can name.
import { isUtf8 } from 'node:buffer';

export type DocumentType = 'pdf' | 'csv' | 'markdown' | 'text';
/** Labels TextDecoder knows; what Excel and Windows editors write besides UTF-8. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type Detected =
  | { ok: true; type: DocumentType; contentType: string; encoding?: TextEncoding }
  | { ok: false; reason: 'executable' | 'unsupported' };

const MEDIA_TYPES: Record<Exclude<DocumentType, 'pdf'>, string> = {
  csv: 'text/csv',
  markdown: 'text/markdown',
  text: 'text/plain',
};

const BY_EXTENSION: Record<string, DocumentType> = {
  pdf: 'pdf',
  csv: 'csv',
  md: 'markdown',
  markdown: 'markdown',
  txt: 'text',
  text: 'text',
};

// Windows PE (MZ), ELF, Mach-O (both byte orders, 32/64-bit, fat), WebAssembly, and scripts.
const EXECUTABLE_MAGIC = [
  Buffer.from('MZ'),
  Buffer.from([0x7f, 0x45, 0x4c, 0x46]),
  Buffer.from([0xfe, 0xed, 0xfa, 0xce]),
  Buffer.from([0xfe, 0xed, 0xfa, 0xcf]),
  Buffer.from([0xce, 0xfa, 0xed, 0xfe]),
  Buffer.from([0xcf, 0xfa, 0xed, 0xfe]),
  Buffer.from([0xca, 0xfe, 0xba, 0xbe]),
  Buffer.from([0x00, 0x61, 0x73, 0x6d]),
  Buffer.from('#!'),
];
const PDF_MAGIC = Buffer.from('%PDF-');

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function detectType(name: string, content: Buffer): Detected {
  if (EXECUTABLE_MAGIC.some((magic) => startsWith(content, magic))) return { ok: false, reason: 'executable' };
  const extension = extensionOf(name);
  const named = BY_EXTENSION[extension];
  // A name that promises something else (.exe, .png, .docx) is refused even when the bytes are text.
  if (extension && !named) return { ok: false, reason: 'unsupported' };
  if (startsWith(content, PDF_MAGIC)) {
    return !named || named === 'pdf'
      ? { ok: true, type: 'pdf', contentType: 'application/pdf' }
      : { ok: false, reason: 'unsupported' };
  }
  const encoding = textEncoding(content);
  if (named === 'pdf' || !encoding) return { ok: false, reason: 'unsupported' };
  const type = named ?? 'text';
  // The stored bytes are the owner's own, so the download names the charset they are in.
  return { ok: true, type, contentType: `${MEDIA_TYPES[type]}; charset=${encoding}`, encoding };
}

export const isPdf = (content: Buffer) => startsWith(content, PDF_MAGIC);

function startsWith(content: Buffer, magic: Buffer): boolean {
  return content.length >= magic.length && content.subarray(0, magic.length).equals(magic);
}

const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);
const UTF16BE_BOM = Buffer.from([0xfe, 0xff]);
/** The C0 controls a text file may hold: tab, line feed, form feed, carriage return, and DOS's end-of-file mark. */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x1a]);

/**
 * UTF-16 only with its byte-order mark (Excel's "Unicode text" writes one); UTF-8 without NUL bytes;
 * else, bytes with no control characters are read as Windows-1252 (Excel's "CSV" on a Western
 * Windows, a superset of Latin-1): a binary format always has control bytes, and text in any
 * other single-byte code page decodes with wrong letters but the same digits and separators.
 */
export function textEncoding(content: Buffer): TextEncoding | null {
  if (startsWith(content, UTF16LE_BOM)) return content.length % 2 === 0 ? 'utf-16le' : null;
  if (startsWith(content, UTF16BE_BOM)) return content.length % 2 === 0 ? 'utf-16be' : null;
  if (isUtf8(content)) return content.includes(0) ? null : 'utf-8';
  return hasControlBytes(content) ? null : 'windows-1252';
}

function hasControlBytes(content: Buffer): boolean {
  for (const byte of content) if (byte < 0x20 && !TEXT_CONTROLS.has(byte)) return true;
  return false;
}
