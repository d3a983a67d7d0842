import { describe } from 'vitest';
import { consultedApprovalsSuite } from './consulted-approvals.suite.ts';

describe('consulted approvals on PGlite', () => consultedApprovalsSuite('pglite'));
