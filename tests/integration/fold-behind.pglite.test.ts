import { describe } from 'vitest';
import { foldBehindSuite } from './fold-behind.suite.ts';

describe('memory folds behind turns on PGlite', () => foldBehindSuite('pglite'));
