import { describe } from 'vitest';
import { routingRepairSuite } from './routing-repair.suite.ts';

describe('routing repair on PGlite', () => routingRepairSuite('pglite'));
