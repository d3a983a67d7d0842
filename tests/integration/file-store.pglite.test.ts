import { describe } from 'vitest';
import { fileStoreSuite } from './file-store.suite.ts';

describe('the file store on PGlite', () => fileStoreSuite('pglite'));
