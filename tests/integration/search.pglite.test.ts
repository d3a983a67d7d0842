import { describe } from 'vitest';
import { searchSuite } from './search.suite.ts';

describe('conversation search on PGlite', () => searchSuite('pglite'));
