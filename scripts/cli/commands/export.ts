// `switchboard export`: a conversation as a JSON or Markdown file, or on stdout.
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from '../client.ts';
import { CliError } from '../errors.ts';
import type { Out } from '../print.ts';

export async function exportConversation(
  client: Client,
  out: Out,
  input: { conversationId: string; format: 'json' | 'markdown'; out?: string },
): Promise<void> {
  const file = await client.conversations.export.query({ conversationId: input.conversationId, format: input.format });
  if (!input.out) {
    out.stdout(file.content);
    return;
  }
  const isDirectory = await stat(input.out).then(
    (s) => s.isDirectory(),
    () => false,
  );
  const path = isDirectory ? join(input.out, file.filename) : input.out;
  await writeFile(path, file.content, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`Cannot write ${path}: ${error.code === 'ENOENT' ? 'its folder does not exist' : error.message}.`);
  });
  out.stderr(`Wrote ${path}\n`);
}
