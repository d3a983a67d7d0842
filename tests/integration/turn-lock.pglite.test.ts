import { describe } from 'vitest';
import { turnLockSuite } from './turn-lock.suite.ts';

describe('turn lock on PGlite', () => turnLockSuite('pglite'));
