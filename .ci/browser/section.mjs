// Screenshot of one element of one page, for a look at a section while developing.
// Usage: node section.mjs FILE SELECTOR OUT.png [WIDTH]
import { chromium } from "playwright-core";
import { LAUNCH } from "./pages.mjs";

const [file, selector, out, width] = process.argv.slice(2);
const browser = await chromium.launch(LAUNCH);
const page = await browser.newPage({ viewport: { width: Number(width || 1280), height: 900 } });
await page.goto("file://" + file);
await page.locator(selector).first().screenshot({ path: out });
await browser.close();
