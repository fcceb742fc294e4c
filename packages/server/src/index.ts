// Public surface of @lbaas/server (what the CLI and end-to-end tests use).
export { composeServer, systemClock, randomIds, type ServerHandle, type ComposeOverrides } from './main.js';
export {
  loadServerConfig,
  ConfigError,
  type ServerConfig,
  type ServerFlags,
} from './config/server-config.js';
