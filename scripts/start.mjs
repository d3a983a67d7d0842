// `npm start`: builds the web client and bundles the server when their sources changed, then runs
// the bundle in this same process, so one Node process stays resident and no transpiler runs.
import module from 'node:module';
import { pathToFileURL } from 'node:url';
import { buildClientIfStale } from './client-build.mjs';
import { serverBundle } from './server-build.mjs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`Switchboard needs Node 22.18 or newer; this is Node ${process.versions.node}.`);
  process.exit(1);
}
const status = buildClientIfStale();
if (status !== 0) process.exit(status);
const server = serverBundle();
if (!server) process.exit(1);
// V8 keeps the bundle's compiled code on disk (in the temp folder), so a restart parses less.
module.enableCompileCache();
await import(pathToFileURL(server).href);
