import { describe } from 'vitest';
import { postgresUrl } from '../support/test-db.ts';
import { turnLockSuite } from './turn-lock.suite.ts';

describe.skipIf(!postgresUrl)('turn lock on Postgres, two instances', () => turnLockSuite('postgres'));
