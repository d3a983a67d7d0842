// What an upload is, decided by its bytes as much as by its name: a renamed program or image is
// refused whatever it is called, and a text file must really be UTF-8 text.
import { isUtf8 } from 'node:buffer';

export type DocumentType = 'pdf' | 'csv' | 'markdown' | 'text';

export type Detected =
  | { ok: true; type: DocumentType; contentType: string }
  | { ok: false; reason: 'executable' | 'unsupported' };

const CONTENT_TYPES: Record<DocumentType, string> = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  text: 'text/plain; charset=utf-8',
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
      ? { ok: true, type: 'pdf', contentType: CONTENT_TYPES.pdf }
      : { ok: false, reason: 'unsupported' };
  }
  if (named === 'pdf' || !isText(content)) return { ok: false, reason: 'unsupported' };
  const type = named ?? 'text';
  return { ok: true, type, contentType: CONTENT_TYPES[type] };
}

function startsWith(content: Buffer, magic: Buffer): boolean {
  return content.length >= magic.length && content.subarray(0, magic.length).equals(magic);
}

/** UTF-8 without NUL bytes: what every text editor writes, and what no binary format is. */
function isText(content: Buffer): boolean {
  return isUtf8(content) && !content.includes(0);
}
