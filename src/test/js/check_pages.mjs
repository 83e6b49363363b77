// Opens the dataset pages in a real headless browser (Debian's chromium driven by playwright-core) as a person
// would, and checks what they show against the JSON API.
//
// usage: node check_pages.mjs BASE_URL COLLECTION SCREENSHOT_DIR
//
// For the landing page, the collection's page, an item's page and the search page: no console error and no failed request; valid HTML
// (html-validate) and no serious accessibility violation (axe-core run in the page). The landing page has a card
// per collection. The collection's page: its map shows as many footprints and clusters (their counts summed) as
// items match; changing the gallery's split filter changes the gallery and the copied curl command, whose URL
// then answers 200 with a tar; the bands table lists the collection's bands. The item's page: its crop tool shows
// the window typed in, and the URL it offers returns the very bytes shown. The search page's filter builder shows
// its CQL2, and its gallery and map hold what that filter matches. Screenshots go to SCREENSHOT_DIR.
// Prints "pages: ok, ..." when everything holds; exits 1 with the reasons otherwise.
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const require = createRequire(path.join(process.env.PATCHSERVE_NODE_MODULES, "x.js"));
const { chromium } = require("playwright-core");
const { HtmlValidate } = require("html-validate");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
// Better BibTeX's parser (its CommonJS build is broken: the ES module is loaded directly)
const bibtex = await import(path.join(process.env.PATCHSERVE_NODE_MODULES, "@retorquere/bibtex-parser/dist/esm/index.js"));

const [base, collection, shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const problems = [];
const check = (ok, what) => { if (!ok) problems.push(what); };

async function json(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  if (!r.ok) throw new Error(url + " " + r.status);
  return r.json();
}

const browser = await chromium.launch({
  executablePath: process.env.PATCHSERVE_CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const validator = new HtmlValidate({ extends: ["html-validate:recommended"], rules: {
  "no-inline-style": "off",          // chart bars carry their width
  "no-trailing-whitespace": "off",
  "long-title": "off",
} });

/**
 * Opens a page, watching its console and requests; returns it after the checks every page gets. {@code ignore}
 * says which URLs' failures are not this test's: the landing page shows every collection of the shared test
 * database, where other tests break some on purpose (objects deleted, S3 faults).
 */
async function open(url, name, ready, ignore = () => false) {
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !ignore(m.location().url || "")) errors.push("console: " + m.text() + " " + (m.location().url || ""));
  });
  page.on("pageerror", (e) => errors.push("page error: " + e.message));
  page.on("requestfailed", (r) => { if (!ignore(r.url())) errors.push("failed request: " + r.url() + " " + (r.failure() || {}).errorText); });
  page.on("response", (r) => { if (r.status() >= 400 && !ignore(r.url())) errors.push("HTTP " + r.status() + ": " + r.url()); });
  const response = await page.goto(url, { waitUntil: "load" });
  check(response.status() === 200 && response.headers()["content-type"].startsWith("text/html"),
    `${name}: ${url} answered ${response.status()} ${response.headers()["content-type"]}`);
  try {
    await ready(page);
    await page.waitForLoadState("networkidle");
  } catch (e) {
    await page.screenshot({ path: path.join(shots, name + "-failed.png"), fullPage: true });
    console.error(`${name}: not ready (${e.message}); so far:\n` + errors.join("\n"));
    throw e;
  }
  // validity of what the service sends (the DOM later holds the map library's own markup too)
  const report = await validator.validateString(await response.text());
  for (const result of report.results) {
    for (const m of result.messages) problems.push(`${name}: html-validate ${m.ruleId}: ${m.message}`);
  }
  await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations
    .filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id + ": " + v.help));
  for (const v of axe) problems.push(`${name}: accessibility ${v}`);
  await page.screenshot({ path: path.join(shots, name + ".png"), fullPage: true });
  for (const e of errors) problems.push(`${name}: ${e}`);
  return page;
}

// --- the landing page
const collections = (await json(base + "/collections")).collections;
const others = (u) => u.includes("/collections/") && !u.includes(`/collections/${collection}/`);
const landing = await open(base + "/", "landing", (p) => p.waitForSelector("ul.cards"), others);
check(await landing.locator("li.card").count() === collections.length,
  `landing: ${await landing.locator("li.card").count()} cards for ${collections.length} collections`);
// a release ({collection}@{version}) is reached from its collection's page, not listed with the collections
const isRelease = collection.includes("@");
check(await landing.locator(`li.card[data-collection="${collection}"] a`).count() === (isRelease ? 0 : 1),
  `landing: ${isRelease ? "a card links the release" : "no card links the collection"}`);
if (!isRelease) {
  // its size is the bytes its items' assets hold (the collection's patchserve:counts), in binary units
  const assetBytes = (await json(`${base}/collections/${collection}`))["patchserve:counts"].bytes;
  let want = assetBytes, unit = "B";
  for (const u of ["KiB", "MiB", "GiB", "TiB"]) { if (want < 1024) break; want /= 1024; unit = u; }
  const shownSize = await landing.locator(`li.card[data-collection="${collection}"] dd`).nth(1).textContent();
  check(assetBytes > 0 && shownSize === (unit === "B" ? `${assetBytes} B` : `${want.toFixed(1)} ${unit}`),
    `landing: size ${shownSize} for ${assetBytes} bytes`);
}

// --- the collection's page
const matched = async (query) => (await json(`${base}/collections/${collection}/items?limit=1${query}`)).numberMatched;
const all = await matched("");
const page = await open(`${base}/collections/${collection}`, "collection", async (p) => {
  await p.waitForFunction(() => document.getElementById("map").dataset.shown !== undefined);
  await p.waitForSelector("#gallery li");
});
const shown = Number(await page.locator("#map").getAttribute("data-shown"));
check(shown === all, `collection: the map shows ${shown} items, ${all} match`);
const drawn = await page.evaluate(() => {
  let n = 0;
  document.querySelectorAll("#map .cluster").forEach((c) => { n += Number(c.textContent); });
  return n + document.querySelectorAll("#map path.leaflet-interactive").length;
});
check(drawn >= Math.min(all, 1), `collection: nothing drawn on the map (${drawn})`);
const bands = (await json(`${base}/collections/${collection}`))["patchserve:raster"].bands.map((b) => b.name);
const rows = await page.locator("section[aria-labelledby=bands] tbody th").allTextContents();
check(JSON.stringify(rows) === JSON.stringify(bands), `collection: bands table ${rows} is not ${bands}`);

// the BibTeX entry reads back in Zotero's parser: the title, the producers and licensors as institutions, the URL
const described = await json(`${base}/collections/${collection}`);
const cited = bibtex.parse(await page.locator("#bibtex").textContent());
check(cited.errors.length === 0 && cited.entries.length === 1, `collection: BibTeX ${JSON.stringify(cited.errors)}`);
if (cited.entries.length === 1) {
  const f = cited.entries[0].fields;
  const makers = (described.providers || []).filter((p) => (p.roles || []).some((r) => r === "producer" || r === "licensor")).map((p) => p.name);
  check(f.title === (described.title || collection), `collection: BibTeX title ${f.title}`);
  check(JSON.stringify((f.author || []).map((a) => a.name)) === JSON.stringify(makers), `collection: BibTeX authors ${JSON.stringify(f.author)}, providers ${makers}`);
  const self = described.links.find((l) => l.rel === "self").href;
  check((f.howpublished || "").includes(self), `collection: BibTeX URL ${f.howpublished}, not ${self}`);
}

// releases: which one this is, and the changes the page counts are the changelog's
const history = described.links.find((l) => l.rel === "version-history");
check(Boolean(history) === (await page.locator("#release-info").count() === 1), "collection: releases shown without releases, or not shown");
if (history) {
  const changelog = await json(described.links.find((l) => l.rel === "changelog").href);
  const counted = Object.fromEntries(await page.locator("#release-info dd[data-change]").evaluateAll(
    (ds) => ds.map((d) => [d.dataset.change, Number(d.textContent)])));
  check(JSON.stringify(counted) === JSON.stringify(changelog.summary), `collection: changes ${JSON.stringify(counted)}, changelog ${JSON.stringify(changelog.summary)}`);
  const listed = await page.locator("#release-info li[data-item]").evaluateAll((ls) => ls.map((l) => l.dataset.item + " " + l.dataset.change));
  const want = changelog.items.slice(0, 20).map((i) => i.id + " " + i.change);
  check(JSON.stringify(listed) === JSON.stringify(want), `collection: changes listed ${listed}, changelog ${want}`);
  check((await page.locator("#release-info").getAttribute("data-version")) === (described.version || ""),
    `collection: the page is of release ${await page.locator("#release-info").getAttribute("data-version")}, not ${described.version}`);
  const releases = (await json(history.href)).releases.map((r) => r.version);
  const rows = await page.locator("#release-info table.releases tbody tr td:first-child").allTextContents();
  check(JSON.stringify(rows) === JSON.stringify(releases), `collection: releases ${rows}, not ${releases}`);
}

// the statistics per split are the /statistics document's
const statistics = await json(`${base}/collections/${collection}/statistics`);
const shownSplits = await page.locator("details.split-statistics").evaluateAll((ds) => ds.map((d) => d.dataset.split));
check(JSON.stringify(shownSplits) === JSON.stringify(Object.keys(statistics.splits)), `collection: split statistics ${shownSplits}`);
if (shownSplits.length) {
  const firstSplit = shownSplits[0];
  const firstBand = Object.keys(statistics.splits[firstSplit])[0];
  const shownMean = await page.locator(`details[data-split="${firstSplit}"] tbody tr`).first().locator("td").nth(2).textContent();
  const mean = statistics.splits[firstSplit][firstBand].mean;
  check(Math.abs(Number(shownMean) - mean) <= Math.abs(mean) * 1e-3, `collection: ${firstSplit} ${firstBand} mean ${shownMean}, JSON ${mean}`);
}

// every band's histogram is the /statistics document's
for (const [band, values] of Object.entries(statistics.bands)) {
  if (!values.histogram) continue;
  const bars = await page.locator(`section[aria-labelledby=statistics] > .scroll tr:has(th:text-is("${band}")) svg.histogram rect`)
    .evaluateAll((rs) => rs.map((r) => Number(r.dataset.count)));
  check(JSON.stringify(bars) === JSON.stringify(values.histogram.buckets),
    `collection: ${band} histogram ${bars} is not the JSON's ${values.histogram.buckets}`);
}

// items over time: the chart's months are a recount of the items' dates
const months = {};
for (let url = `${base}/collections/${collection}/items?limit=1000`; url;) {
  const pageOfItems = await json(url);
  for (const f of pageOfItems.features) {
    const when = f.properties.datetime || f.properties.start_datetime;
    const month = new Date(when).toISOString().slice(0, 7);
    months[month] = (months[month] || 0) + 1;
  }
  url = (pageOfItems.links.find((l) => l.rel === "next") || {}).href;
}
const charted = Object.fromEntries((await page.locator("#over-time rect").evaluateAll((rs) => rs.map((r) => [r.dataset.label, Number(r.dataset.count)])))
  .filter(([, n]) => n > 0));
check(JSON.stringify(charted) === JSON.stringify(Object.fromEntries(Object.entries(months).sort())),
  `collection: items over time ${JSON.stringify(charted)}, recounted ${JSON.stringify(months)}`);

// a filter changes the gallery and the code, and the copied command's URL works
const firstBefore = await page.locator("#gallery li").first().textContent();
const curlBefore = await page.locator("#code-curl").textContent();
const split = (await page.locator("select[name=split] option").allTextContents()).find((s) => s !== "any");
// a collection without splits (SMCEFR) is filtered by date instead: up to the day of its middle item (the gallery
// shows the newest first, so its first item changes)
const middle = (await json(`${base}/collections/${collection}/items?limit=${Math.max(1, Math.floor(all / 2))}`)).features.at(-1);
const day = (middle.properties.datetime || middle.properties.start_datetime).slice(0, 10);
const filterQuery = split !== undefined ? `&filter=${encodeURIComponent(`split = '${split}'`)}`
  : `&datetime=${encodeURIComponent(`../${day}T23:59:59Z`)}`;
const filterName = split !== undefined ? `split ${split}` : `up to ${day}`;
if (split !== undefined) {
  await page.selectOption("select[name=split]", split);
} else {
  await page.fill("input[name=to]", day);
  await page.click("#filters button[type=submit]");
}
await page.waitForFunction((before) => document.getElementById("code-curl").textContent !== before, curlBefore);
await page.waitForFunction(() => document.getElementById("matched").textContent.includes("match"));
const wantMatched = await matched(filterQuery);
await page.waitForFunction((n) => document.getElementById("matched").textContent.startsWith(n + " items"), wantMatched);
const galleryIds = await page.locator("#gallery li > a > div").allTextContents();
const wantIds = (await json(`${base}/collections/${collection}/items?limit=12${filterQuery}`)).features.map((f) => f.id);
check(JSON.stringify(galleryIds) === JSON.stringify(wantIds), `collection: gallery ${galleryIds} is not the ${filterName} items ${wantIds}`);
check(wantMatched < all ? (await page.locator("#gallery li").first().textContent()) !== firstBefore || galleryIds.length < 12 : true,
  "collection: the gallery did not change");
const curl = await page.locator("#code-curl").textContent();
const curlUrl = curl.match(/'([^']+)'/)[1];
const curlParams = new URL(curlUrl).searchParams;
check(split !== undefined ? curlParams.get("filter") === `split = '${split}'` : curlParams.get("datetime") === `../${day}T23:59:59Z`,
  `collection: curl ${curlUrl} lacks the filter ${filterName}`);
const tar = await fetch(curlUrl, { method: "HEAD" });
check(tar.status === 200, `collection: the copied curl URL answered ${tar.status}`);
await page.screenshot({ path: path.join(shots, "collection-filtered.png"), fullPage: true });
// the code to copy, as the filter wrote it, for run_page_code.py to run as a user would (PagesBrowserTest)
writeFileSync(path.join(shots, "code-python.py"), await page.locator("#code-python").textContent());
writeFileSync(path.join(shots, "code-gdal.sh"), await page.locator("#code-gdal").textContent());
writeFileSync(path.join(shots, "code.json"), JSON.stringify({ matched: wantMatched }));
// and a label on top: the gallery's count follows the search API's for both conditions
const labelProperty = await page.locator("#collection").getAttribute("data-label-property");
if (labelProperty && split !== undefined) {
  const items = (await json(`${base}/collections/${collection}/items?limit=1${filterQuery}`)).features;
  const label = items[0].properties[labelProperty][0];
  await page.selectOption("select[name=label]", label);
  const cql2 = `split = '${split}' AND A_CONTAINS(${labelProperty}, ('${label.replaceAll("'", "''")}'))`;
  const withLabel = await matched(`&filter=${encodeURIComponent(cql2)}`);
  await page.waitForFunction((n) => document.getElementById("matched").textContent.startsWith(n + " items"), withLabel);
  check(new URL((await page.locator("#code-curl").textContent()).match(/'([^']+)'/)[1]).searchParams.get("filter") === cql2,
    `collection: curl lacks the label filter ${cql2}`);
  await page.selectOption("select[name=label]", "");
}


// --- an item's page: the crop tool shows a crop, and the URL it offers returns that very crop
const first = (await json(`${base}/collections/${collection}/items?limit=1`)).features[0];
const item = await open(`${base}/collections/${collection}/items/${encodeURIComponent(first.id)}`, "item", async (p) => {
  await p.waitForFunction(() => document.getElementById("crop-url").textContent.includes("crop.png"));
});
await item.fill("input[name=window]", "10,20,40,30");
await item.click("#crop-form button[type=submit]");
await item.waitForFunction(() => document.getElementById("crop-url").textContent.includes("window=10%2C20%2C40%2C30"));
await item.waitForFunction(() => document.getElementById("crop-image").naturalWidth > 0);
const same = await item.evaluate(async () => {
  const img = document.getElementById("crop-image");
  const shown = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
  const offered = new Uint8Array(await (await fetch(document.getElementById("crop-url").textContent)).arrayBuffer());
  return { same: shown.length === offered.length && shown.every((v, i) => v === offered[i]), w: img.naturalWidth, h: img.naturalHeight };
});
check(same.same, "item: the crop tool's URL does not return the crop it shows");
check(same.w === 40 && same.h === 30, `item: the crop is ${same.w} x ${same.h}, not the 40 x 30 window`);
// a window drawn by dragging on the whole item: from the middle of pixel (20, 10) to the middle of pixel (59, 49)
const overview = await item.locator("#crop-overview").boundingBox();
const natural = await item.evaluate(() => [document.getElementById("crop-overview").naturalWidth,
  document.getElementById("crop-overview").naturalHeight]);
const at = (col, row) => [overview.x + (col + 0.5) * overview.width / natural[0], overview.y + (row + 0.5) * overview.height / natural[1]];
await item.mouse.move(...at(20, 10));
await item.mouse.down();
await item.mouse.move(...at(40, 30), { steps: 4 });
await item.mouse.move(...at(59, 49), { steps: 4 });
await item.mouse.up();
check(await item.inputValue("input[name=window]") === "20,10,40,40", `item: dragging drew window ${await item.inputValue("input[name=window]")}`);
await item.waitForFunction(() => document.getElementById("crop-url").textContent.includes("window=20%2C10%2C40%2C40"));
await item.waitForFunction(() => document.getElementById("crop-image").naturalWidth === 40);
check(await item.evaluate(() => document.getElementById("crop-image").naturalHeight) === 40, "item: the drawn crop is not 40 x 40");
// every band as a grey-scale image, each a crop.png that loaded
const strip = await item.locator("#band-strip img").evaluateAll((is) => is.map((i) => i.naturalWidth > 0));
check(strip.length === bands.length && strip.every(Boolean), `item: ${strip.filter(Boolean).length} of ${bands.length} band images shown`);
const propertyNames = await item.locator("section[aria-labelledby=properties] th").allTextContents();
check(propertyNames.length > 0 && (split === undefined || propertyNames.includes("split")), `item: properties ${propertyNames}`);
await item.screenshot({ path: path.join(shots, "item-cropped.png"), fullPage: true });

// --- the search page: the filter builder writes the CQL2 it shows, and the gallery and map follow it
// (a release is searched by its id, collections={collection}@{version}; the page offers the collections)
if (!isRelease) {
  const search = await open(`${base}/search?f=html`, "search", (p) => p.waitForSelector("select[name=collection]"), others);
  await search.selectOption("select[name=collection]", collection);
  const wantCql2 = split !== undefined ? `split = '${split}'` : `T_INTERSECTS(datetime, INTERVAL('..', '${day}T23:59:59Z'))`;
  if (split !== undefined) {
    await search.fill("input[name=split]", split);
  } else {
    await search.fill("input[name=to]", day);
  }
  await search.click("#filters button[type=submit]");
  await search.waitForFunction((s) => document.getElementById("cql2").textContent === s, wantCql2);
  await search.waitForFunction((n) => document.getElementById("matched").textContent.startsWith(n + " items"), wantMatched);
  await search.waitForFunction((n) => document.getElementById("map").dataset.shown === String(n), wantMatched);
  const searchIds = await search.locator("#gallery li > a > div").allTextContents();
  check(JSON.stringify(searchIds) === JSON.stringify(wantIds), `search: gallery ${searchIds} is not ${wantIds}`);
  await search.screenshot({ path: path.join(shots, "search-filtered.png"), fullPage: true });
}

// --- a phone: every page fits its width (wide tables and code scroll inside their boxes)
const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
for (const [name, url] of [["landing", base + "/"], ["collection", `${base}/collections/${collection}`],
  ["item", `${base}/collections/${collection}/items/${encodeURIComponent(first.id)}`], ["search", `${base}/search?f=html`]]) {
  const p = await phone.newPage();
  await p.goto(url, { waitUntil: "networkidle" });
  // the elements reaching past the screen's edge (outside boxes that scroll sideways), for the message
  const wide = await p.evaluate((width) => [...document.querySelectorAll("body *")].filter((e) => {
    const overflows = getComputedStyle(e).overflowX === "visible" && e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0;
    if (e.getBoundingClientRect().right <= width + 1 && !overflows) return false;
    for (let a = e.parentElement; a; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible" && a.getBoundingClientRect().right <= width + 1) return false;
    }
    return true;
  }).slice(-5).map((e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.split(" ").join(".") : "")
    + " " + Math.round(e.getBoundingClientRect().right) + "px"), 390);
  const scrollWidth = await p.evaluate(() => document.documentElement.scrollWidth);
  check(scrollWidth <= 390 && wide.length === 0, `phone: the ${name} page is ${scrollWidth} px wide on a 390 px screen: ${wide.join(", ")}`);
  await p.screenshot({ path: path.join(shots, name + "-phone.png"), fullPage: name !== "landing" }); // the test database holds hundreds of collections
}

await browser.close();
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`pages: ok, search ${wantMatched} items, landing ${collections.length} cards, collection ${all} items on the map, ${filterName} filter ${wantMatched} items`);
