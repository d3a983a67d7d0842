import { describe } from 'vitest';
import { postgresUrl } from '../support/test-db.ts';
import { turnFenceSuite } from './turn-fence.suite.ts';

describe.skipIf(!postgresUrl)('turn fence on Postgres', () => turnFenceSuite('postgres'));
