// Headless Chromium (Debian's package, driven by playwright-core) that reaches only 127.0.0.1:
// every other request fails, so a page that works here works offline. For the browser tests of
// this repository (the docs page, the client in a browser): `@test/support/chromium`.
import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium } from "playwright-core";

/** Debian's Chromium unless CHROMIUM_PATH points at another build. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// Flags that keep a headless Chromium from phoning home or needing a sandbox we don't have as root.
const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface OfflineChromium {
  browser: Browser;
  context: BrowserContext;
  /** The URLs of the requests that were blocked because they left 127.0.0.1. */
  blockedRequests: string[];
  close(): Promise<void>;
}

export async function launchOfflineChromium(): Promise<OfflineChromium> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is not installed at ${chromiumPath}, and the browser tests need it.\n` +
        "Install Debian's package: apt-get update && apt-get install -y chromium\n" +
        "(or set CHROMIUM_PATH to a Chromium binary).",
    );
  }
  // playwright gives each launch a fresh temporary profile (user data dir) and removes it on close.
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const blockedRequests: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    blockedRequests.push(url.href);
    return route.abort("internetdisconnected");
  });
  return { browser, context, blockedRequests, close: () => browser.close() };
}
