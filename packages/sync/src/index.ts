// @conversations-api/sync: mirror a HighLevel location's conversations and messages into your own
// database (embedded PGlite by default, PostgreSQL for a fleet) and keep the mirror current.
export { createMirrorSync, type MirrorSync, type MirrorSyncOptions, type WebhookOutcome } from "./sync.js";
export { follow, type Follower, type FollowOptions } from "./follow.js";
export { DEFAULT_SHARE, type ApiOptions, type BudgetState } from "./api.js";
export { openDatabase, DEFAULT_DATA_DIR, type Database, type OpenDatabaseOptions, type Queryable } from "./database.js";
export { migrate, MIGRATIONS } from "./schema.js";
export type { PassReport, Progress, PassOptions } from "./pass.js";
export type { Drift, PassKind, PassPhase } from "./state.js";
export type { SyncStatus } from "./status.js";
export { formatProgress, progressWriter, type ProgressWriter } from "./progress.js";
export { toEpochMs } from "./dates.js";
export { DatabaseInUseError, DatabaseUnavailableError, PassInProgressError, SchemaVersionError, SyncError, UsageError } from "./errors.js";
