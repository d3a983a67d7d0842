// Files attached from the composer travel in the message itself, as its last line of Markdown
// links ("Attached: [price-list.pdf](/api/files/<id>)"): the expert reads which file the owner
// means (and searches it), the message shows them as chips, and they survive a reload — with no
// second store to keep in step with the message. Shared: a title is made from the text above it.
export type AttachedFile = { id: string; name: string };

const LINE = /\n\nAttached: ((?:\[[^\]\n]+\]\(\/api\/files\/[0-9a-f-]{36}\)(?:, )?)+)$/i;
const LINK = /\[([^\]\n]+)\]\(\/api\/files\/([0-9a-f-]{36})\)/gi;

/** Square brackets in a name would end its link early. */
const safeName = (name: string) => name.replace(/[[\]\n]/g, ' ');

export function withAttachments(text: string, files: AttachedFile[]): string {
  if (!files.length) return text;
  const links = files.map((file) => `[${safeName(file.name)}](/api/files/${file.id})`).join(', ');
  return `${text.trimEnd()}\n\nAttached: ${links}`;
}

export function splitAttachments(message: string): { text: string; files: AttachedFile[] } {
  const line = LINE.exec(message);
  if (!line) return { text: message, files: [] };
  const files = [...line[1]!.matchAll(LINK)].map((match) => ({ name: match[1]!, id: match[2]!.toLowerCase() }));
  return { text: message.slice(0, line.index), files };
}
