// Code generators that need TypeScript's JavaScript compiler API (openapi-typescript, and
// @hey-api/openapi-ts of the portability tests), which TypeScript 7 (the native compiler every
// package type-checks and builds with) does not have. Their `typescript` peer would resolve to the
// TypeScript 7 beside them, so they get TypeScript 5.9.3 as a dependency of their own.
const needsCompilerApi = (name) => name === "openapi-typescript" || name.startsWith("@hey-api/");

module.exports = {
  hooks: {
    readPackage(manifest) {
      if (needsCompilerApi(manifest.name) && manifest.peerDependencies?.typescript) {
        delete manifest.peerDependencies.typescript;
        manifest.dependencies = { ...manifest.dependencies, typescript: "5.9.3" };
      }
      return manifest;
    },
  },
};
