import { describe } from 'vitest';
import { businessesSuite } from './businesses.suite.ts';

describe('businesses and profiles on PGlite', () => businessesSuite('pglite'));
