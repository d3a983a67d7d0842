import { describe } from 'vitest';
import { profileMemorySuite } from './profile-memory.suite.ts';

describe('profile memory on Postgres', () => profileMemorySuite('postgres'));
