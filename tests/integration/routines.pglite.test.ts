import { describe } from 'vitest';
import { routinesSuite } from './routines.suite.ts';

describe('routines on PGlite', () => routinesSuite('pglite'));
