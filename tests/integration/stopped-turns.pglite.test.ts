import { describe } from 'vitest';
import { stoppedTurnsSuite } from './stopped-turns.suite.ts';

describe('stopped turns on PGlite', () => stoppedTurnsSuite('pglite'));
