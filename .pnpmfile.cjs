// openapi-typescript needs TypeScript's JavaScript compiler API, which TypeScript 7 (the native
// compiler every package type-checks and builds with) does not have. Its `typescript` peer would
// resolve to the TypeScript 7 beside it, so it gets TypeScript 5.9.3 as a dependency of its own.
module.exports = {
  hooks: {
    readPackage(manifest) {
      if (manifest.name === "openapi-typescript") {
        delete manifest.peerDependencies?.typescript;
        manifest.dependencies = { ...manifest.dependencies, typescript: "5.9.3" };
      }
      return manifest;
    },
  },
};
