// At 360 px, which tables and charts need sideways scrolling: an element whose right edge
// passes the viewport, or whose scrolling parent scrolls; and chart text drawn under 11 px.
// At 1280 px, which are cut. Printed on A4, which tables pass the printable width.
// Usage: node fit.mjs SITE_DIR [REGION_DIR INTERNAL_DIR] [--max=N] — prints one line per
// page and exits 1 if more than N elements (0 by default) do not fit, or any chart text is
// small, or anything is cut at 1280 px or in print.
import path from "node:path";
import { chromium } from "playwright-core";
import { LAUNCH, PAGES, REGION_PAGES, INTERNAL_PAGES } from "./pages.mjs";

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const maxArg = process.argv.find((a) => a.startsWith("--max="));
const max = maxArg ? Number(maxArg.slice(6)) : 0;
const sets = [[args[0], PAGES], [args[1], REGION_PAGES], [args[2], INTERNAL_PAGES]].filter(([d]) => d);
const browser = await chromium.launch(LAUNCH);
const page = await browser.newPage({ viewport: { width: 360, height: 800 } });

// Every visible table and chart of the page that passes the viewport or scrolls inside its
// parent, and every chart text drawn smaller than 11 px on the screen.
const measure = () => {
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
  const small = [];
  for (const svg of items.filter((el) => el.tagName !== "TABLE")) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll("text")) {
      const px = parseFloat(t.getAttribute("font-size") || getComputedStyle(t).fontSize) * scale;
      if (px < 10.95) small.push(`«${t.textContent.slice(0, 20)}» ${px.toFixed(1)} px`);
    }
  }
  return { items: items.length, out, small };
};

// Opens every sample page of every site given at the current width and hands `visit` the
// page's path and what `measure` found on it.
const eachPage = async (visit) => {
  for (const [dir, pages] of sets) {
    for (const rel of pages) {
      await page.goto("file://" + path.join(path.resolve(dir), rel));
      visit(rel, await page.evaluate(measure));
    }
  }
};

let bad = 0;
let total = 0;
let small = 0;
await eachPage((rel, found) => {
  total += found.items;
  bad += found.out.length;
  small += found.small.length;
  console.log(`${rel}: ${found.out.length} of ${found.items} need sideways scrolling${found.out.length ? "\n  " + found.out.join("\n  ") : ""}${found.small.length ? "\n  chart text under 11 px: " + found.small.slice(0, 5).join(", ") : ""}`);
});
console.log(`fit at 360 px: ${bad} of ${total} tables and charts need sideways scrolling (allowed: ${max}); ${small} chart texts under 11 px`);

// A desktop: nothing cut or scrolling at 1280 px either.
await page.setViewportSize({ width: 1280, height: 900 });
let cut = 0;
await eachPage((rel, found) => {
  cut += found.out.length;
  if (found.out.length) console.log(`1280 px ${rel}: ${found.out.join(", ")}`);
});
console.log(`fit at 1280 px: ${cut} tables and charts cut`);

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
if (bad > max || small > 0 || cut > 0 || clipped > 0) process.exit(1);
