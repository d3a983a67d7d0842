// `switchboard files`: the owner's documents from the terminal — list, upload, delete.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Client } from '../client.ts';
import { CliError, EXIT } from '../errors.ts';
import type { Out } from '../print.ts';

export type Server = { baseUrl: string; token: string | undefined };

export async function listFiles(client: Client, out: Out, input: { businessId?: string } = {}): Promise<void> {
  const { items } = await client.files.list.query({ businessId: input.businessId });
  if (!items.length) return void out.stderr('No files yet. Upload one with `switchboard files upload <path>`.\n');
  for (const file of items) {
    const extent = file.pages ? `${file.pages} pages` : `${file.chars.toLocaleString('en')} chars`;
    out.stdout(
      `${file.id}  ${file.kind === 'image' ? 'image ' : 'upload'}  ${sizeOf(file.bytes).padStart(8)}  ${file.kind === 'image' ? (file.prompt ?? '') : `${file.name} (${extent})`}\n`,
    );
  }
}

export async function uploadFile(server: Server, out: Out, input: { path: string; businessId?: string }): Promise<void> {
  let content: Buffer;
  try {
    content = await readFile(input.path);
  } catch (error) {
    throw new CliError(
      `Cannot read ${input.path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)}.`,
    );
  }
  const form = new FormData();
  if (input.businessId) form.append('businessId', input.businessId);
  form.append('file', new Blob([new Uint8Array(content)]), basename(input.path));
  const response = await fetch(`${server.baseUrl.replace(/\/+$/, '')}/api/files`, {
    method: 'POST',
    body: form,
    headers: server.token ? { authorization: `Bearer ${server.token}` } : {},
  });
  const body = (await response.json().catch(() => ({}))) as {
    id?: string;
    name?: string;
    chars?: number;
    pages?: number;
    error?: { message: string };
  };
  if (response.status === 401)
    throw new CliError(body.error?.message ?? 'The server needs an access token: set SWITCHBOARD_TOKEN.', EXIT.unauthorized);
  if (!response.ok || !body.id) throw new CliError(body.error?.message ?? `The upload failed (HTTP ${response.status}).`);
  out.stdout(`${body.id}  ${body.name}\n`);
  out.stderr(
    `Stored ${body.name}: ${body.pages ? `${body.pages} pages, ` : ''}${(body.chars ?? 0).toLocaleString('en')} characters of text to search.\n`,
  );
}

export async function deleteFile(client: Client, out: Out, fileId: string): Promise<void> {
  await client.files.delete.mutate({ fileId });
  out.stderr(`Deleted file ${fileId}.\n`);
}

function sizeOf(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} B`;
}
