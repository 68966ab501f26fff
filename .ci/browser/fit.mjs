// At 360 px, which tables and charts need sideways scrolling: an element whose right edge
// passes the viewport, or whose scrolling parent scrolls. Also chart text under 11 px.
// Usage: node fit.mjs SITE_DIR [REGION_DIR INTERNAL_DIR] [--max=N] — prints one line per
// page and exits 1 if more than N elements (0 by default) do not fit: while the charts have
// no narrow form yet, CI passes the count it has reached, so it can only go down.
import path from "node:path";
import { chromium } from "playwright-core";
import { LAUNCH, PAGES, REGION_PAGES, INTERNAL_PAGES } from "./pages.mjs";

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const maxArg = process.argv.find((a) => a.startsWith("--max="));
const max = maxArg ? Number(maxArg.slice(6)) : 0;
const sets = [[args[0], PAGES], [args[1], REGION_PAGES], [args[2], INTERNAL_PAGES]].filter(([d]) => d);
const browser = await chromium.launch(LAUNCH);
const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
let bad = 0;
let total = 0;
for (const [dir, pages] of sets) {
  for (const rel of pages) {
    await page.goto("file://" + path.join(path.resolve(dir), rel));
    const found = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const out = [];
      // What the reader sees: a folded <details> and a chart's other form do not count.
      const items = [...document.querySelectorAll("main table, main svg.chart")].filter(
        (el) => !el.closest("details:not([open])") && el.getClientRects().length > 0,
      );
      for (const el of items) {
        const box = el.getBoundingClientRect();
        let wide = box.right > width + 0.5;
        for (let p = el.parentElement; p && !wide; p = p.parentElement) {
          if (p.scrollWidth > p.clientWidth + 1 && getComputedStyle(p).overflowX !== "visible") wide = true;
        }
        const name = el.tagName === "TABLE" ? "table «" + (el.caption ? el.caption.textContent.trim().slice(0, 40) : "") + "»" : "chart «" + (el.getAttribute("aria-label") || el.querySelector("title")?.textContent || "").slice(0, 40) + "»";
        if (wide) out.push(name + " " + Math.round(Math.max(box.width, 0)) + " px");
      }
      return { items: items.length, out };
    });
    total += found.items;
    bad += found.out.length;
    console.log(`${rel}: ${found.out.length} of ${found.items} need sideways scrolling${found.out.length ? "\n  " + found.out.join("\n  ") : ""}`);
  }
}
console.log(`fit at 360 px: ${bad} of ${total} tables and charts need sideways scrolling (allowed: ${max})`);

// Printed on A4 (210 mm less 12 mm margins each side: 186 mm ≈ 703 px): no table of a
// school × procedure page or of the internal справка may pass the printable width.
const A4 = 703;
await page.setViewportSize({ width: A4, height: 1000 });
await page.emulateMedia({ media: "print" });
const printed = [
  [args[0], "schools/sch640107/vpr-2025-rus-4/index.html"],
  [args[2], "schools/sch640107/vpr-2025-rus-4/print/index.html"],
].filter(([d]) => d);
let clipped = 0;
for (const [dir, rel] of printed) {
  await page.goto("file://" + path.join(path.resolve(dir), rel));
  const over = await page.evaluate((width) => {
    return [...document.querySelectorAll("main table")]
      .filter((t) => t.getClientRects().length > 0)
      .filter((t) => t.getBoundingClientRect().right > width + 0.5 || t.scrollWidth > t.clientWidth + 1)
      .map((t) => "table «" + (t.caption ? t.caption.textContent.trim().slice(0, 40) : "") + "» " + Math.round(t.getBoundingClientRect().width) + " px");
  }, A4);
  clipped += over.length;
  console.log(`print ${rel}: ${over.length} tables wider than A4${over.length ? "\n  " + over.join("\n  ") : ""}`);
}
await browser.close();
if (bad > max || clipped > 0) process.exit(1);
