// The test shop over stdio: `node tests/support/mcp/shop-stdio.ts` (SHOP_LOG names its run log).
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { shopServer } from './shop-server.ts';

await shopServer().connect(new StdioServerTransport());
