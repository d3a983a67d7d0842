import { describe } from 'vitest';
import { exportSuite } from './export.suite.ts';

describe('conversation export on PGlite', () => exportSuite('pglite'));
