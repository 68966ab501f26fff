// Accessibility check: axe-core (WCAG 2.0/2.1 A and AA rules and best practice) in Chromium over
// every page type, at 1280 and 360 px, in the normal and the visually-impaired view; chart text
// measured at 360 px; the school × procedure page printed to an A4 PDF. Exit 1 on any failure.
// Usage: node check.mjs SITE_DIR [REGION_SITE_DIR [INTERNAL_SITE_DIR]] — the second, a
// generated region's site, adds the page types only a region has; the third, the demo's
// internal build, adds its printable справки: one A4 sheet per grade, class and pupil.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium } from "playwright-core";
import { PAGES, REGION_PAGES, INTERNAL_PAGES, LAUNCH } from "./pages.mjs";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const site = path.resolve(process.argv[2] || "../../public");
const region = process.argv[3] ? path.resolve(process.argv[3]) : null;
const internal = process.argv[4] ? path.resolve(process.argv[4]) : null;
const sites = [
  [site, PAGES],
  ...(region ? [[region, REGION_PAGES]] : []),
  ...(internal ? [[internal, INTERNAL_PAGES]] : []),
];

const browser = await chromium.launch(LAUNCH);
let violations = 0;
let checked = 0;
let smallText = 0;
for (const [root, pages] of sites)
for (const width of [1280, 360]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  for (const rel of pages) {
    for (const mode of ["normal", "special"]) {
      await page.goto("file://" + path.join(root, rel));
      if (mode === "special") {
        await page.evaluate(() => document.documentElement.classList.add("special"));
      }
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() =>
        window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }),
      );
      if (width === 360 && mode === "normal") {
        // The rendered size of every chart label: its font size times the SVG's scale.
        const sizes = await page.$$eval("svg.chart text", (texts) =>
          texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 1)),
        );
        const min = Math.min(...sizes);
        if (sizes.length > 0 && min < 11) {
          smallText++;
          console.log(`${rel} (360px): chart text renders at ${min.toFixed(1)} px, under 11 px`);
        }
      }
      checked++;
      for (const v of result.violations) {
        violations++;
        console.log(`${rel} (${width}px, ${mode}): ${v.id} — ${v.help}`);
        for (const n of v.nodes.slice(0, 3)) console.log(`    ${n.target.join(" ")}: ${n.failureSummary.split("\n").join(" ")}`);
      }
    }
  }
  await page.close();
}

// The script's behaviour: search narrows the list, the special version switches without reload
// and is remembered, the school filter hides schools of other clusters.
const failures = [];
const expect = (ok, what) => { if (!ok) failures.push(what); };
const page = await browser.newPage();
await page.goto("file://" + path.join(site, "search/index.html?q=" + encodeURIComponent("лицей")));
const visible = () => page.$$eval("#search-results li", (li) => li.filter((x) => !x.hidden).length);
const all = await page.$$eval("#search-results li", (li) => li.length);
expect((await visible()) >= 1 && (await visible()) < all, `search for «лицей» shows 1..${all - 1} entries`);
await page.fill("#search-input", "ёлкинская");
expect((await visible()) === 1, "ё and е match each other in search");
await page.click("#special-toggle");
expect(await page.evaluate(() => document.documentElement.classList.contains("special")), "special version switches on");
expect((await page.getAttribute("#special-toggle", "aria-pressed")) === "true", "toggle reports its state");
await page.goto("file://" + path.join(site, "schools/index.html"));
expect(await page.evaluate(() => document.documentElement.classList.contains("special")), "special version is remembered");
await page.selectOption("select[data-attribute=location]", "село");
const rows = await page.$$eval("tr[data-school]", (tr) => tr.filter((x) => !x.hidden).map((x) => x.getAttribute("data-location")));
expect(rows.length > 0 && rows.every((v) => v === "село"), "school filter keeps village schools only");
// A school × procedure page prints on A4 as an analytic note: with its header, and no chart
// cut in two by a page break.
const print = await browser.newPage();
await print.goto("file://" + path.join(site, "schools/sch640107/vpr-2025-rus-4/index.html"));
await print.emulateMedia({ media: "print" });
expect(await print.isVisible(".print-header"), "the print header shows in print");
const pdf = await print.pdf({ format: "A4", printBackground: true });
const pdfPages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
expect(pdf.length > 20000 && pdfPages >= 2, `the page prints to a PDF of several A4 pages (got ${pdfPages})`);
const breaks = await print.$$eval(".chart-figure", (figures) =>
  figures.map((f) => getComputedStyle(f).breakInside),
);
expect(breaks.length > 0 && breaks.every((b) => b === "avoid"), "charts are kept whole on a printed page");
if (internal) {
  const set = await browser.newPage();
  await set.goto("file://" + path.join(internal, "schools/sch640107/vpr-2025-rus-4/print/index.html"));
  await set.emulateMedia({ media: "print" });
  const sheets = await set.$$eval(".sheet + .sheet, .note.pupil", (s) => s.map((e) => getComputedStyle(e).breakBefore));
  expect(sheets.length > 1 && sheets.every((b) => b === "page"), "every class and pupil справка starts a sheet");
  expect(await set.isVisible(".note.pupil .print-only"), "each pupil's sheet has its header line");
  const setPdf = await set.pdf({ format: "A4", printBackground: true });
  const setPages = (setPdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  expect(setPages > sheets.length, `the справки print one sheet or more each (got ${setPages} pages for ${sheets.length + 1} справки)`);
}
await browser.close();
for (const f of failures) console.log(`behaviour: ${f} — FAILED`);
console.log(`axe (WCAG 2.1 AA and best practice): ${checked} page views checked, ${violations} violations; charts with text under 11 px at 360 px: ${smallText}; behaviour checks failed: ${failures.length}`);
process.exit(violations === 0 && smallText === 0 && failures.length === 0 ? 0 : 1);
