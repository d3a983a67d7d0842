#!/usr/bin/env node
// `switchboard`: the command-line client. Runs the TypeScript CLI through tsx, so nothing needs building.
import { register } from 'tsx/esm/api';

register();
await import('./cli/main.ts');
