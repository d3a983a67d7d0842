import { describe } from 'vitest';
import { turnLockSuite } from './turn-lock.suite.ts';

describe('turn lock on Postgres, two instances', () => turnLockSuite('postgres'));
