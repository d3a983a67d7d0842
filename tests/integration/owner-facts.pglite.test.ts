import { describe } from 'vitest';
import { ownerFactsSuite } from './owner-facts.suite.ts';

describe('the owner’s facts on PGlite', () => ownerFactsSuite('pglite'));
