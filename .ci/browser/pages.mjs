// A sample of every page type of the demo site, shared by the checks and the screenshots.
export const PAGES = [
  "index.html",
  "procedures/index.html",
  "procedures/vpr-2025-math-5/index.html",
  "procedures/ege-2025-rus-11/index.html",
  "schools/index.html",
  "schools/sch640107/index.html",
  "schools/sch640107/vpr-2025-rus-4/index.html",
  "schools/sch640110/vpr-2025-math-5/index.html",
  "clusters/index.html",
  "clusters/location/index.html",
  "roadmaps/index.html",
  "roadmaps/rm-2024-municipal/index.html",
  "years/2024-25/index.html",
  "parents/index.html",
  "methodology/index.html",
  "open-data/index.html",
  "about/index.html",
  "documents/index.html",
  "search/index.html",
  "404.html",
];

// The page types only a region has, in a site made by
// `generate --schools 40 --municipalities 4` (procedure ids as the generator writes them).
export const REGION_PAGES = [
  "index.html",
  "municipalities/index.html",
  "municipalities/m01/index.html",
  "municipalities/m01/vpr-2025-math-5/index.html",
  "procedures/vpr-2025-math-5/index.html",
  "schools/sch640101/vpr-2025-math-5/index.html",
];

// The page types only the internal build has (the demo built with --audience internal).
export const INTERNAL_PAGES = [
  "risks/index.html",
  "support/index.html",
  "deficits/index.html",
  "procedures/vpr-2025-math-5/skills/index.html",
  "schools/sch640107/vpr-2025-rus-4/class-1/index.html",
  "schools/sch640107/vpr-2025-rus-4/print/index.html",
];

export const LAUNCH = {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};
