// The sync's own errors; the API's are the client's classes (RateLimitError, ServerError, ...).
export class SyncError extends Error {
  override name = "SyncError";
}

/** PostgreSQL could not be reached for longer than the configured retry window. */
export class DatabaseUnavailableError extends SyncError {
  override name = "DatabaseUnavailableError";
}

/** A command-line mistake: the message says what to do instead. */
export class UsageError extends SyncError {
  override name = "UsageError";
}

/** The database holds a schema newer than this version of the package understands. */
export class SchemaVersionError extends SyncError {
  override name = "SchemaVersionError";
}

/** The embedded database's directory is open in another live process. */
export class DatabaseInUseError extends SyncError {
  override name = "DatabaseInUseError";
}

/** Another worker sharing the database is running this location's pass (its lease holds until `until`). */
export class PassInProgressError extends SyncError {
  override name = "PassInProgressError";
  constructor(
    message: string,
    readonly owner: string,
    readonly until: number,
  ) {
    super(message);
  }
}
