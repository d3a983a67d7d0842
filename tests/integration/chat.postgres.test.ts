import { describe } from 'vitest';
import { chatSuite } from './chat.suite.ts';

describe('chat on Postgres', () => chatSuite('postgres'));
