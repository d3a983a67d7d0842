// `npm start`: builds the web client when needed, then runs the server in this same process. Node
// strips the TypeScript types itself, so no transpiler runs and one Node process stays resident.
import module from 'node:module';
import { buildClientIfStale } from './client-build.mjs';

if (!process.features.typescript) {
  console.error(
    `Switchboard needs Node 22.18 or newer (it runs its TypeScript with Node's own type stripping); this is Node ${process.versions.node}.`,
  );
  process.exit(1);
}
const status = buildClientIfStale();
if (status !== 0) process.exit(status);
// V8 keeps the compiled dependencies on disk (in the temp folder), so a restart parses less.
module.enableCompileCache();
await import('../server/index.ts');
