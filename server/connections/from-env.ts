// The app's connections from SWITCHBOARD_MCP_CONFIG (or none): every problem with the file or a
// server in it is said once at start-up, in the log, and stays visible in connections.list.
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { type ConfigFile, readConfigFile } from './config-file.ts';
import { Connections } from './connections.ts';

const NO_FILE: ConfigFile = { servers: [], broken: [], problem: null };

export function connectionsFromEnv(db: Db, path: string | undefined, logger: Pick<Logger, 'info' | 'warn'>): Connections {
  const config = path ? readConfigFile(path) : NO_FILE;
  if (config.problem) logger.warn(config.problem);
  for (const broken of config.broken) logger.warn(`SWITCHBOARD_MCP_CONFIG: ${broken.error}`);
  if (config.servers.length) logger.info({ servers: config.servers.map((s) => s.name) }, 'MCP servers configured');
  return new Connections(db, config);
}
