export { serveDocs, defaultPagePath, type DocsServerOptions, type RunningDocsServer } from "./docs-server.js";
