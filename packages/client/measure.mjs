import { build } from "esbuild";
import { gzipSync } from "node:zlib";
const r = await build({ entryPoints: [process.argv[2]], bundle: true, minify: true, format: "esm", write: false, platform: "browser", treeShaking: true });
const code = r.outputFiles[0].contents;
console.log(code.length, gzipSync(code, { level: 9 }).length);
