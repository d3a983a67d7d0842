// The footprint floor: a bare Node process that imports the Agents SDK and opens PGlite on the
// folder it is given, then idles. Prints "ready" when PGlite answers.
import '@openai/agents';
import { PGlite } from '@electric-sql/pglite';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: node bench/footprint/floor.ts <data folder>');
const client = await PGlite.create(dataDir);
await client.query('select 1');
console.log('ready');
setInterval(() => {}, 60_000);
process.once('SIGTERM', () => void client.close().then(() => process.exit(0)));
