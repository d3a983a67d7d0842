import { describe } from 'vitest';
import { filesInTurnsSuite } from './files-in-turns.suite.ts';

describe('files in turns on PGlite', () => filesInTurnsSuite('pglite'));
