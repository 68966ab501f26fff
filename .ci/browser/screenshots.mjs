// Screenshots of the municipality, school and school × procedure pages at 1280 px and 320 px.
// Usage: node screenshots.mjs SITE_DIR OUT_DIR
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { LAUNCH } from "./pages.mjs";

const site = path.resolve(process.argv[2] || "../../public");
const out = path.resolve(process.argv[3] || "../screenshots");
mkdirSync(out, { recursive: true });
const pages = {
  municipality: "index.html",
  procedure: "procedures/vpr-2025-math-5/index.html",
  school: "schools/sch640107/index.html",
  "school-procedure": "schools/sch640107/vpr-2025-rus-4/index.html",
};
const browser = await chromium.launch(LAUNCH);
for (const width of [1280, 320]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  for (const [name, rel] of Object.entries(pages)) {
    await page.goto("file://" + path.join(site, rel));
    const file = path.join(out, `${name}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
  await page.close();
}
await browser.close();
