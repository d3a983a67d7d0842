import { describe } from 'vitest';
import { retryStreamSuite } from './retry-stream.suite.ts';

describe('chat.retryStream on Postgres', () => retryStreamSuite('postgres'));
