// What the bridge must not forget across a restart: the status reports it still owes HighLevel (a
// text the carrier took whose delivered/failed is not reported yet), and which contact a number
// belongs to (an inbound text is added to that contact's conversation). In memory by default; a
// JSON file (fileBridgeStore) for one process that restarts; a fleet would put both in Redis or a
// database behind the same interface.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** A status report owed to HighLevel (update-message-status). */
export interface PendingReport {
  messageId: string;
  locationId: string;
  status: "delivered" | "failed";
  error?: { code: string; type: string; message: string };
  /** When the carrier answered, epoch milliseconds. */
  since: number;
}

/** The contact a number belongs to, learnt from the messages HighLevel handed over. */
export interface ContactRoute {
  locationId: string;
  contactId: string;
}

export interface BridgeStore {
  putReport(report: PendingReport): Promise<void>;
  removeReport(messageId: string): Promise<void>;
  pendingReports(): Promise<PendingReport[]>;
  putRoute(phone: string, route: ContactRoute): Promise<void>;
  route(phone: string): Promise<ContactRoute | undefined>;
}

interface Snapshot {
  reports: Record<string, PendingReport>;
  routes: Record<string, ContactRoute>;
}

/** One process's memory: a restart forgets the reports owed and the routes (README: "Restarts"). */
export function memoryBridgeStore(): BridgeStore {
  return storeOver({ reports: {}, routes: {} }, async () => {});
}

/**
 * A JSON file, rewritten whole (to a temporary file, then renamed over it) after each change, one
 * write at a time: a crash leaves the last complete state. Enough for one process and a handful of
 * texts in flight; not for a fleet (two processes would overwrite each other).
 */
export function fileBridgeStore(path: string): BridgeStore {
  let loaded: Promise<BridgeStore> | undefined;
  let writes = Promise.resolve();
  const load = async () => {
    let snapshot: Snapshot = { reports: {}, routes: {} };
    try {
      snapshot = JSON.parse(await readFile(path, "utf8")) as Snapshot;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    return storeOver(snapshot, (state) => {
      const text = JSON.stringify(state);
      writes = writes.then(async () => {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(`${path}.tmp`, text);
        await rename(`${path}.tmp`, path);
      });
      return writes;
    });
  };
  const store = () => (loaded ??= load());
  return {
    putReport: async (report) => (await store()).putReport(report),
    removeReport: async (messageId) => (await store()).removeReport(messageId),
    pendingReports: async () => (await store()).pendingReports(),
    putRoute: async (phone, route) => (await store()).putRoute(phone, route),
    route: async (phone) => (await store()).route(phone),
  };
}

function storeOver(state: Snapshot, persist: (state: Snapshot) => Promise<void>): BridgeStore {
  return {
    async putReport(report) {
      state.reports[report.messageId] = report;
      await persist(state);
    },
    async removeReport(messageId) {
      if (!(messageId in state.reports)) return;
      delete state.reports[messageId];
      await persist(state);
    },
    async pendingReports() {
      return Object.values(state.reports);
    },
    async putRoute(phone, route) {
      const known = state.routes[phone];
      if (known?.locationId === route.locationId && known.contactId === route.contactId) return;
      state.routes[phone] = route;
      await persist(state);
    },
    async route(phone) {
      return state.routes[phone];
    },
  };
}
