// One upload read whole: what it is (from its bytes and name), then its text as passages. The
// document worker's job; everything in it is work that a hostile file can make expensive.
import { detectType } from './detect-type.ts';
import { type Extracted, extractPassages, type Unread } from './extract-text.ts';
import type { ReadLimits } from './read-limits.ts';

export type DocumentRead =
  | (Extracted & { ok: true; contentType: string })
  | { ok: false; reason: Unread | 'executable' | 'unsupported' | 'too-slow' | 'too-big' };

export async function readDocument(name: string, content: Uint8Array, limits: ReadLimits): Promise<DocumentRead> {
  const detected = detectType(name, Buffer.from(content.buffer, content.byteOffset, content.byteLength));
  if (!detected.ok) return detected;
  const extracted = await extractPassages(detected.type, content, detected.encoding ?? 'utf-8', limits);
  return extracted.ok ? { ...extracted, contentType: detected.contentType } : extracted;
}
