export { collectUnreadDigest, DigestError, type Client, type Digest, type DigestEntry, type DigestMessage, type DigestOptions } from "./digest.js";
export { renderDigest } from "./render.js";
export { readConfig, ConfigError, mockLocationId, type Config, type Target } from "./config.js";
