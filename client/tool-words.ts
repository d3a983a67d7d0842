// Tools and consults in the owner's words: "asked Strategic", "searched your files", never the
// function names the model calls. The name itself stays available as a tooltip.
import { isAgentName } from '../shared/roster.ts';

const DOING: Record<string, [now: string, done: string]> = {
  search_files: ['searching your files', 'searched your files'],
  remember: ['noting this for your profile', 'remembered a fact'],
  web_search: ['searching the web', 'searched the web'],
  web_search_call: ['searching the web', 'searched the web'],
  generate_image: ['drawing an image', 'drew an image'],
  write_document: ['writing a document', 'wrote a document'],
  update_document: ['updating a document', 'updated a document'],
  read_document: ['reading a document', 'read a document'],
};

const humanize = (name: string) => name.replace(/[_-]+/g, ' ').trim();

/** "searched your files" (done) or "searching your files" (running), for one tool call. */
export function toolWords(name: string, phase: 'now' | 'done' = 'done'): string {
  const consulted = /^consult_(.+)$/.exec(name)?.[1];
  if (consulted) {
    const expert = consulted.charAt(0).toUpperCase() + consulted.slice(1);
    const who = isAgentName(expert) ? expert : humanize(consulted);
    return phase === 'now' ? `asking ${who}` : `asked ${who}`;
  }
  const known = DOING[name];
  if (known) return phase === 'now' ? known[0] : known[1];
  // The owner's own tools over MCP: "<server>__<tool>".
  const [server, tool] = name.split('__');
  if (server && tool) return phase === 'now' ? `using ${humanize(tool)} in ${server}` : `used ${humanize(tool)} in ${server}`;
  return phase === 'now' ? `using ${humanize(name)}` : `used ${humanize(name)}`;
}
