// The agent's TypeScript (or JavaScript: TypeScript's superset) to the JavaScript QuickJS runs:
// esbuild strips the types. The snippet is the body of an async function, so it is wrapped in one
// first (a top-level `return` or `await` is fine), and called by the sandbox's wrapper.
import { transform } from "esbuild";

export class SnippetSyntaxError extends Error {
  override readonly name = "SnippetSyntaxError";
}

const FUNCTION = "__snippet";

/** JavaScript whose last statement returns the promise of the snippet's value. */
export async function transpileSnippet(code: string): Promise<string> {
  try {
    const { code: javascript } = await transform(`async function ${FUNCTION}() {\n${code}\n}`, { loader: "ts", target: "es2022", format: "esm", sourcemap: false });
    return `${javascript}\nreturn await ${FUNCTION}();`;
  } catch (error) {
    const failure = error as { errors?: { text: string; location?: { line: number; column: number } | null }[] };
    const first = failure.errors?.[0];
    const where = first?.location ? ` (line ${first.location.line - 1}, column ${first.location.column + 1})` : "";
    throw new SnippetSyntaxError(first ? `${first.text}${where}` : String(error));
  }
}
