export { serveDocs, defaultPagePath, type DocsServerOptions, type RunningDocsServer } from "./docs-server.js";
export { launchOfflineChromium, chromiumPath, type OfflineChromium } from "./offline-chromium.js";
