import { describe } from 'vitest';
import { approvalsSuite } from './approvals.suite.ts';

describe('approvals on PGlite', () => approvalsSuite('pglite'));
