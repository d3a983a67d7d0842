import { describe } from 'vitest';
import { connectionsSuite } from './connections.suite.ts';

describe('connections on PGlite', () => connectionsSuite('pglite'));
