import { describe } from 'vitest';
import { liveSuite } from './live.suite.ts';

describe('live turns on two instances of one Postgres', () => liveSuite('postgres'));
