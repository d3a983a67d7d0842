#!/usr/bin/env node
// `switchboard`: the command-line client. Node strips the CLI's TypeScript types itself, so nothing
// needs building.
await import('./cli/main.ts');
