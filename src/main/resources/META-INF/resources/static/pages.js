// Patchserve pages: thumbnails on the landing page; on a collection's page the map, the gallery and the code to
// copy, all through the same JSON API the clients use. No framework, no external request.
"use strict";

const JSON_ACCEPT = { headers: { Accept: "application/geo+json, application/json" } };

async function getJson(url) {
  const response = await fetch(url, JSON_ACCEPT);
  if (!response.ok) {
    throw new Error(url + ": " + response.status);
  }
  return response.json();
}

/** The most items a map loads footprints of (pages of 1000). */
const MAP_ITEMS = 5000;

/** The picture an item shows: its preview, thumbnail or image asset. */
function pictureOf(item) {
  const assets = item.assets || {};
  for (const key of ["preview", "thumbnail", "image"]) {
    if (assets[key]) {
      return assets[key].href;
    }
  }
  return null;
}

/**
 * A collection's page, or the search page over every collection: filter -> query; the map, gallery and code
 * follow the query. On the search page the collection is chosen in the form, and the CQL2 filter is shown.
 */
function collectionPage(root) {
  const base = root.dataset.base;
  const searching = root.id === "search";
  const form = document.getElementById("filters");
  const chosen = () => (searching ? form.elements.collection.selectedOptions[0] : null);
  const collectionOf = () => (searching ? (chosen().value || "") : root.dataset.collection);
  const labelPropertyOf = () => (searching ? (chosen().dataset.labelProperty || "") : root.dataset.labelProperty);
  const scope = () => (searching ? base + "/search" : base + "/collections/" + encodeURIComponent(collectionOf()));
  const itemsOf = () => (searching ? base + "/search" : scope() + "/items");
  const map = baseMap("map", base);
  let footprints = L.layerGroup().addTo(map);
  let features = [];
  /** Collections' spatial extents, for items without a footprint; the collection page knows its own. */
  const extents = new Map(searching || root.dataset.bbox === "null" ? [] : [[root.dataset.collection, JSON.parse(root.dataset.bbox)]]);
  let currentLoad = 0; // each filter change is a new load; answers to older ones are dropped
  let galleryNext = null;
  let galleryPrevious = [];

  /** The query parameters of the current filter (CQL2 text, datetime, bbox). */
  function query() {
    const data = new FormData(form);
    const params = new URLSearchParams();
    const filters = [];
    const labelProperty = labelPropertyOf();
    if (searching && collectionOf()) {
      params.set("collections", collectionOf());
    }
    if (data.get("split")) {
      filters.push("split = '" + data.get("split").replaceAll("'", "''") + "'");
    }
    if (data.get("label") && labelProperty) {
      filters.push("A_CONTAINS(" + labelProperty + ", ('" + data.get("label").replaceAll("'", "''") + "'))");
    }
    // dates and area: the search page writes them into its CQL2 too, so the text it shows is the whole filter;
    // the collection page uses the datetime and bbox parameters, shorter in the commands it writes
    const from = data.get("from"), to = data.get("to");
    const start = from ? from + "T00:00:00Z" : "..", end = to ? to + "T23:59:59Z" : "..";
    const b = data.get("extent") ? map.getBounds() : null;
    const edges = b ? [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(5)) : null;
    if (searching && (from || to)) {
      filters.push(`T_INTERSECTS(datetime, INTERVAL('${start}', '${end}'))`);
    } else if (from || to) {
      params.set("datetime", start + "/" + end);
    }
    if (searching && edges) {
      const [w, s, e, n] = edges;
      filters.push(`S_INTERSECTS(geometry, POLYGON((${w} ${s}, ${e} ${s}, ${e} ${n}, ${w} ${n}, ${w} ${s})))`);
    } else if (edges) {
      params.set("bbox", edges.join(","));
    }
    if (filters.length) {
      params.set("filter", filters.join(" AND "));
      params.set("filter-lang", "cql2-text");
    }
    if (searching) {
      document.getElementById("cql2").textContent = filters.length ? filters.join(" AND ") : "(no filter: every item)";
    }
    return params;
  }

  function withQuery(url, params) {
    const q = params.toString();
    return q ? url + (url.includes("?") ? "&" : "?") + q : url;
  }

  /** Footprints: one polygon per item where they stand apart, a numbered circle where several share a cell. */
  function drawFootprints() {
    footprints.clearLayers();
    const cells = new Map();
    const unplaced = new Map(); // collection -> items without a footprint
    for (const f of features) {
      if (!f.geometry) {
        const cid = f.collection || collectionOf();
        unplaced.set(cid, (unplaced.get(cid) || 0) + 1);
        continue;
      }
      const box = f.bbox || L.geoJSON(f).getBounds().toBBoxString().split(",").map(Number);
      const centre = map.project([(box[1] + box[3]) / 2, (box[0] + box[2]) / 2]);
      const key = Math.floor(centre.x / 48) + ":" + Math.floor(centre.y / 48);
      if (!cells.has(key)) {
        cells.set(key, []);
      }
      cells.get(key).push(f);
    }
    let shown = 0;
    for (const group of cells.values()) {
      shown += group.length;
      if (group.length === 1) {
        L.geoJSON(group[0], { style: { color: "#1d5fa8", weight: 1.5, fillOpacity: 0.25 } })
          .bindTooltip(group[0].id).addTo(footprints);
      } else {
        const b = L.geoJSON({ type: "FeatureCollection", features: group }).getBounds();
        L.marker(b.getCenter(), {
          icon: L.divIcon({ className: "cluster", html: String(group.length), iconSize: [36, 36] }),
          title: group.length + " items", keyboard: true,
        }).on("click", () => map.fitBounds(b)).addTo(footprints);
      }
    }
    for (const [cid, count] of unplaced) {
      const e = extents.get(cid);
      if (e) {
        L.rectangle([[e[1], e[0]], [e[3], e[2]]], { color: "#b3541e", weight: 1, dashArray: "4", fillOpacity: 0.05 })
          .bindTooltip(count + " items of " + cid + " without a footprint, within the collection's extent").addTo(footprints);
        shown += count;
      }
    }
    document.getElementById("map").dataset.shown = String(shown);
  }

  /** Every matching item's footprint (pages of 1000, up to MAP_ITEMS); a load that a newer filter overtook is dropped. */
  async function loadFootprints(params, load) {
    const p = new URLSearchParams(params);
    p.set("limit", "1000");
    p.set("fields", "type,id,geometry,bbox,collection");
    let url = withQuery(itemsOf(), p);
    const loaded = [];
    let matched = 0;
    while (url && loaded.length < MAP_ITEMS) {
      const page = await getJson(url);
      if (load !== currentLoad) {
        return;
      }
      loaded.push(...page.features);
      matched = page.numberMatched || matched;
      const next = (page.links || []).find((l) => l.rel === "next");
      url = next ? next.href : null;
    }
    // past MAP_ITEMS the map says so rather than pretending to show everything
    document.getElementById("map-note").textContent = url
      ? `The map shows the first ${loaded.length.toLocaleString("en")} of ${matched.toLocaleString("en")} items: narrow the filter, or zoom in and tick "Only the map's extent".`
      : "";
    // items without a footprint are drawn as their collection's extent box: the search page looks those up
    for (const cid of new Set(loaded.filter((f) => !f.geometry).map((f) => f.collection || collectionOf()))) {
      if (!extents.has(cid)) {
        const described = await getJson(base + "/collections/" + encodeURIComponent(cid));
        extents.set(cid, ((described.extent || {}).spatial || {}).bbox?.[0] || null);
      }
    }
    if (load !== currentLoad) {
      return;
    }
    features = loaded;
    drawFootprints();
    const placed = features.filter((f) => f.bbox);
    if (placed.length && !new FormData(form).get("extent")) {
      const b = placed.reduce((acc, f) => [Math.min(acc[0], f.bbox[0]), Math.min(acc[1], f.bbox[1]),
        Math.max(acc[2], f.bbox[2]), Math.max(acc[3], f.bbox[3])], [180, 90, -180, -90]);
      map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { maxZoom: 9, padding: [20, 20] });
    }
  }

  async function showGallery(url, load = currentLoad) {
    const page = await getJson(url);
    if (load !== currentLoad) {
      return; // a newer filter's page is on its way
    }
    const list = document.getElementById("gallery");
    list.replaceChildren();
    for (const f of page.features) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = base + "/collections/" + encodeURIComponent(f.collection || collectionOf()) + "/items/" + encodeURIComponent(f.id);
      const src = pictureOf(f);
      if (src) {
        const img = document.createElement("img");
        img.src = src;
        img.alt = "Preview of " + f.id;
        img.loading = "lazy";
        a.append(img);
      }
      const name = document.createElement("div");
      name.textContent = f.id;
      a.append(name);
      li.append(a);
      const p = f.properties || {};
      const meta = document.createElement("div");
      meta.className = "labels";
      const labelProperty = labelPropertyOf();
      const labels = labelProperty && Array.isArray(p[labelProperty]) ? p[labelProperty].join(", ") : "";
      meta.textContent = [p.split, (p.datetime || p.start_datetime || "").slice(0, 10), labels].filter(Boolean).join(" · ");
      li.append(meta);
      list.append(li);
    }
    const matched = page.numberMatched !== undefined ? page.numberMatched : page.features.length;
    document.getElementById("matched").textContent = matched + " items match";
    const next = (page.links || []).find((l) => l.rel === "next");
    galleryNext = next ? next.href : null;
    document.getElementById("next").disabled = !galleryNext;
    document.getElementById("prev").disabled = galleryPrevious.length === 0;
    list.dataset.url = url;
  }

  function showCode(params) {
    const collection = collectionOf() || "search";
    const bundle = withQuery(scope() + "/bundle.tar", params);
    const stack = withQuery(scope() + "/bundle.h5", params);
    const search = withQuery(itemsOf(), params);
    document.getElementById("code-curl").textContent =
      "# the selection as one tar (its SHA256SUMS inside); -C - resumes an interrupted download\n" +
      "curl -fL -C - -o " + collection + ".tar '" + bundle + "'";
    document.getElementById("code-python").textContent = [
      "import io, h5py, requests, torch",
      "",
      "# every matching item's bands stacked (N, C, H, W), with ids, split and labels",
      "stack = requests.get(" + JSON.stringify(stack) + ")",
      "stack.raise_for_status()",
      "h5 = h5py.File(io.BytesIO(stack.content), 'r')",
      "",
      "class Patches(torch.utils.data.Dataset):",
      "    def __init__(self, h5, group):",
      "        self.data = h5[group]",
      "    def __len__(self):",
      "        return len(self.data)",
      "    def __getitem__(self, i):",
      "        return torch.from_numpy(self.data[i].astype('float32'))",
      "",
      "groups = [k for k, v in h5.items() if getattr(v, 'ndim', 0) >= 4]",
      "loader = torch.utils.data.DataLoader(Patches(h5, groups[0]), batch_size=16, shuffle=True)",
      "",
      "# or item by item: " + search,
    ].join("\n");
    document.getElementById("code-gdal").textContent =
      "# the items as features (GDAL's OGC API Features driver)\n" +
      "ogrinfo -ro -so 'OAPIF:" + base + "' " + collection + "\n" +
      "# one item's data, straight from the service\n" +
      "gdalinfo /vsicurl/" + base + "/collections/" + collection + "/items/<item id>/crop.tif";
  }

  function refresh() {
    const params = query();
    const load = ++currentLoad;
    galleryPrevious = [];
    const p = new URLSearchParams(params);
    p.set("limit", "12");
    showGallery(withQuery(itemsOf(), p), load).catch(report);
    loadFootprints(params, load).catch((error) => {
      document.getElementById("map").dataset.error = error.message;
      console.error("the map could not load the footprints: " + error.message);
    });
    showCode(params);
  }

  function report(error) {
    document.getElementById("matched").textContent = "Could not load the items: " + error.message;
  }

  if (searching) { // a search box elsewhere (the landing page) fills the form through the URL
    const given = new URLSearchParams(location.search);
    for (const name of ["collection", "split", "label", "from", "to"]) {
      if (given.get(name) && form.elements[name]) {
        form.elements[name].value = given.get(name);
      }
    }
  }
  form.addEventListener("change", refresh);
  form.addEventListener("submit", (event) => { event.preventDefault(); refresh(); });
  map.on("zoomend", drawFootprints);
  map.on("moveend", () => {
    if (new FormData(form).get("extent")) {
      refresh();
    }
  });
  document.getElementById("next").addEventListener("click", () => {
    galleryPrevious.push(document.getElementById("gallery").dataset.url);
    showGallery(galleryNext).catch(report);
  });
  document.getElementById("prev").addEventListener("click", () => {
    showGallery(galleryPrevious.pop()).catch(report);
  });
  refresh();
}

/** A base map of country outlines (Natural Earth, served here) in the element with this id. */
function baseMap(id, base) {
  const map = L.map(id, { worldCopyJump: true }).setView([20, 0], 2);
  map.attributionControl.addAttribution("Natural Earth");
  getJson(base + "/static/vendor/natural-earth/countries-110m.json").then((topo) => {
    L.geoJSON(topojson.feature(topo, topo.objects.countries), {
      style: { color: "#8a96a3", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
      interactive: false,
    }).addTo(map).bringToBack();
  });
  return map;
}

/** An item's page: where it lies, and the crop tool (bands, window, rescale, size, step) showing crop.png. */
function itemPage(root) {
  const itemUrl = root.dataset.itemUrl;
  const geometry = JSON.parse(root.dataset.geometry);
  const steps = JSON.parse(root.dataset.steps || "{}");
  const mapElement = document.getElementById("item-map");
  if (geometry) {
    const map = baseMap("item-map", root.dataset.base);
    const shape = L.geoJSON(geometry, { style: { color: "#1d5fa8", weight: 2 } }).addTo(map);
    map.fitBounds(shape.getBounds(), { maxZoom: 10 });
  } else {
    mapElement.textContent = "This item has no footprint.";
  }
  const form = document.getElementById("crop-form");
  if (!form) {
    return;
  }
  const slider = document.getElementById("step");
  const stepLabel = document.getElementById("step-label");

  /** The steps of the first chosen band that has a time axis, or null. */
  function chosenSteps() {
    const bands = form.elements.bands.value.split(",").map((b) => b.trim());
    const timed = bands.find((b) => steps[b]);
    return timed ? steps[timed] : null;
  }

  /** The crop of the chosen bands, rescale and step: of the typed window ({@code whole} false) or the whole item. */
  function cropUrl(whole) {
    const params = new URLSearchParams();
    for (const name of whole ? ["bands", "rescale"] : ["bands", "window", "rescale", "width"]) {
      const value = form.elements[name].value.trim();
      if (value) {
        params.set(name, value);
      }
    }
    const times = chosenSteps();
    stepLabel.hidden = !times;
    if (times) {
      slider.max = String(times.length - 1);
      params.set("step", slider.value);
      document.getElementById("step-time").textContent = times[Number(slider.value)] || "";
    }
    return itemUrl + "/crop.png" + (params.toString() ? "?" + params : "");
  }

  // The whole item at its finest grid's size (what a window counts in), to draw a window on by dragging.
  const overview = document.getElementById("crop-overview");
  const box = document.getElementById("crop-box");

  /** A pointer's place on the overview in the finest grid's pixels (fractional). */
  function gridPoint(event) {
    const r = overview.getBoundingClientRect();
    const x = (event.clientX - r.left) * overview.naturalWidth / r.width;
    const y = (event.clientY - r.top) * overview.naturalHeight / r.height;
    return [Math.min(Math.max(x, 0), overview.naturalWidth), Math.min(Math.max(y, 0), overview.naturalHeight)];
  }

  /** The typed window drawn on the overview as a box. */
  function drawBox() {
    const w = form.elements.window.value.split(",").map(Number);
    if (w.length !== 4 || w.some(Number.isNaN) || !overview.naturalWidth) {
      box.hidden = true;
      return;
    }
    const sx = 100 / overview.naturalWidth, sy = 100 / overview.naturalHeight;
    Object.assign(box.style, { left: w[0] * sx + "%", top: w[1] * sy + "%", width: w[2] * sx + "%", height: w[3] * sy + "%" });
    box.hidden = false;
  }

  let dragFrom = null;
  overview.addEventListener("pointerdown", (event) => {
    event.preventDefault();
    dragFrom = gridPoint(event);
    overview.setPointerCapture(event.pointerId);
  });
  overview.addEventListener("pointermove", (event) => {
    if (dragFrom) {
      form.elements.window.value = windowBetween(dragFrom, gridPoint(event));
      drawBox();
    }
  });
  overview.addEventListener("pointerup", (event) => {
    if (dragFrom) {
      form.elements.window.value = windowBetween(dragFrom, gridPoint(event));
      dragFrom = null;
      drawBox();
      show();
    }
  });

  /** The window of whole pixels that covers the two points (each point's own pixel included). */
  function windowBetween(a, b) {
    const col = Math.floor(Math.min(a[0], b[0])), row = Math.floor(Math.min(a[1], b[1]));
    const right = Math.min(overview.naturalWidth, Math.floor(Math.max(a[0], b[0])) + 1);
    const bottom = Math.min(overview.naturalHeight, Math.floor(Math.max(a[1], b[1])) + 1);
    return [col, row, right - col, bottom - row].join(",");
  }

  async function show(event) {
    if (event) {
      event.preventDefault();
    }
    const whole = cropUrl(true);
    if (overview.dataset.url !== whole) {
      overview.dataset.url = whole;
      overview.src = whole;
    }
    const url = cropUrl(false);
    const response = await fetch(url);
    const error = document.getElementById("crop-error");
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      error.textContent = body.description || "The crop failed: " + response.status;
      return;
    }
    error.textContent = "";
    let image = document.getElementById("crop-image");
    if (!image) {
      image = document.createElement("img");
      image.id = "crop-image";
      image.alt = "The crop of the bands and window chosen above";
      document.getElementById("crop-figure").append(image);
    }
    image.src = URL.createObjectURL(await response.blob());
    image.dataset.url = url;
    document.getElementById("crop-url").textContent = url;
  }

  /** A band's image chosen from the strip becomes the crop tool's bands. */
  for (const button of document.querySelectorAll("#band-strip button")) {
    button.addEventListener("click", () => {
      form.elements.bands.value = button.dataset.band;
      slider.value = "0";
      show();
    });
  }

  form.addEventListener("submit", show);
  slider.addEventListener("input", () => show());
  form.elements.bands.addEventListener("change", () => { slider.value = "0"; cropUrl(false); });
  form.elements.window.addEventListener("input", drawBox);
  overview.addEventListener("load", drawBox);
  show();
}

function copyButtons() {
  for (const button of document.querySelectorAll("button.copy")) {
    button.addEventListener("click", () => {
      const text = document.getElementById(button.dataset.for).textContent;
      navigator.clipboard.writeText(text).then(() => { button.textContent = "Copied"; }, () => { button.textContent = "Select and copy"; });
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  copyButtons();
  const collection = document.getElementById("collection") || document.getElementById("search");
  if (collection) {
    collectionPage(collection);
  }
  const item = document.getElementById("item");
  if (item) {
    itemPage(item);
  }
});
