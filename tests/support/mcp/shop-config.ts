// An SWITCHBOARD_MCP_CONFIG file in `folder` naming the test shop (stdio) for Producing, its
// writes logged to `folder/shop.log`; `runs()` reads that log: how often a write really ran.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHOP_STDIO = fileURLToPath(new URL('./shop-stdio.ts', import.meta.url));

export function shopConfig(folder: string): { path: string; runs: () => string[] } {
  const path = join(folder, 'mcp.json');
  const log = join(folder, 'shop.log');
  const shop = { command: process.execPath, args: [SHOP_STDIO], env: { SHOP_LOG: log }, experts: ['Producing'] };
  writeFileSync(path, JSON.stringify({ mcpServers: { shop } }));
  const runs = () => {
    try {
      return readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
    } catch {
      return [];
    }
  };
  return { path, runs };
}
