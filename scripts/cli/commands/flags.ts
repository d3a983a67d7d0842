// `switchboard flags`: the replies users marked "wrong expert", as routing-eval cases
// (`npm run eval -- --cases FILE` runs them).
import { writeFile } from 'node:fs/promises';
import type { Client } from '../client.ts';
import { CliError } from '../errors.ts';
import type { Out } from '../print.ts';

export async function flags(client: Client, out: Out, input: { out?: string }): Promise<void> {
  const cases = await client.stats.routingFlags.query({});
  // An empty file would not load in the eval, which needs at least one case.
  if (!cases.length) {
    out.stderr('No flagged turns yet: mark a reply "wrong expert" in the app first.\n');
    return;
  }
  const json = `${JSON.stringify(cases, null, 2)}\n`;
  if (!input.out) {
    out.stdout(json);
    return;
  }
  await writeFile(input.out, json, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`Cannot write ${input.out}: ${error.code === 'ENOENT' ? 'its folder does not exist' : error.message}.`);
  });
  const count = cases.length === 1 ? '1 case' : `${cases.length} cases`;
  out.stderr(`Wrote ${count} to ${input.out}; run them with: npm run eval -- --cases ${input.out}\n`);
}
