// The explorable stakeholder network. Without JavaScript the page shows the server's SVG (the picture documents
// get too); with it, the same stakeholders at the same places become a view to pan, zoom, filter and select,
// drawn by Cytoscape. The tables under it stay the equivalent for keyboard and screen-reader users.
(() => {
  const source = document.getElementById("network-data");
  const explorer = document.getElementById("network-explorer");
  const picture = document.getElementById("network-picture");
  if (!source || !explorer || !picture || typeof window.cytoscape !== "function") return;
  const data = JSON.parse(source.textContent);
  const details = document.getElementById("network-details");
  const pick = document.getElementById("network-pick");
  const form = document.querySelector("form.app-filters");
  const filters = ["role", "sector", "quadrant"].map((name) => form && form.elements.namedItem(name)).filter(Boolean);

  // Cytoscape adds a <style> element to the page unless an element with this id is there already. The
  // Content-Security-Policy refuses inline styles, and mobilise.css gives the container the position it would set.
  const marker = "__________cytoscape_stylesheet";
  if (!document.getElementById(marker)) {
    const stand_in = document.createElement("meta");
    stand_in.id = marker;
    stand_in.name = "cytoscape-stylesheet"; // a meta needs a name and content to be valid HTML
    stand_in.content = "refused by the Content-Security-Policy";
    document.head.append(stand_in);
  }

  explorer.hidden = false;
  picture.hidden = true;
  const byId = new Map(data.nodes.map((node) => [node.id, node]));
  const lit = new Set(data.highlight);
  const short = (name) => (name.length > 28 ? `${name.slice(0, 26).trimEnd()}…` : name);
  const cy = window.cytoscape({
    container: document.getElementById("network-canvas"),
    elements: [
      ...data.nodes.map((node) => ({
        data: { ...node, label: short(node.name) },
        position: { x: node.x, y: node.y },
        classes: [
          node.underserved && "underserved",
          node.influence === null && "unscored",
          lit.has(node.id) && "lit",
          !node.labelled && "minor",
        ]
          .filter(Boolean)
          .join(" "),
      })),
      ...data.edges.map((edge) => ({
        data: edge,
        classes: lit.has(edge.source) && lit.has(edge.target) ? "lit" : "",
      })),
    ],
    layout: { name: "preset" },
    minZoom: 0.1,
    maxZoom: 4,
    boxSelectionEnabled: false,
    style: [
      {
        selector: "node",
        style: {
          "background-color": "data(colour)",
          width: "data(size)",
          height: "data(size)",
          "border-width": "data(outline)",
          "border-style": "data(outlineStyle)",
          "border-color": "#212b32",
          label: "data(label)",
          "font-size": 12,
          "font-family": "Frutiger W01, Arial, sans-serif",
          color: "#212b32",
          "text-valign": "center",
          "text-halign": "right",
          "text-margin-x": 6,
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.85,
          "text-background-padding": 1,
          "min-zoomed-font-size": 10,
        },
      },
      // The names the server's picture leaves out, so as not to cover others, appear once zoomed in.
      { selector: "node.minor", style: { "min-zoomed-font-size": 20 } },
      { selector: "node.minor:selected", style: { "min-zoomed-font-size": 1 } },
      { selector: "node.underserved", style: { shape: "diamond" } },
      { selector: "node.unscored", style: { "background-opacity": 0.3 } },
      { selector: "node.lit", style: { "background-color": "#005eb8" } },
      { selector: "edge", style: { width: 1.2, "line-color": "#aeb7bd", "curve-style": "straight" } },
      { selector: "edge.lit", style: { width: 3, "line-color": "#005eb8" } },
      { selector: "edge.linked", style: { width: 2.5, "line-color": "#4c6272" } },
      { selector: ".faded", style: { opacity: 0.15 } },
      { selector: ".hidden", style: { display: "none" } },
      {
        selector: "node:selected",
        style: { "underlay-color": "#ffeb3b", "underlay-opacity": 1, "underlay-padding": 8, "underlay-shape": "ellipse" },
      },
    ],
  });
  cy.fit(undefined, 20);

  for (const node of [...data.nodes].sort((a, b) => a.name.localeCompare(b.name))) {
    pick.append(new Option(node.name, node.id));
  }

  function element(tag, text, attributes = {}) {
    const made = document.createElement(tag);
    if (text !== undefined) made.textContent = text;
    for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
    return made;
  }

  function score(value) {
    return value === null ? "not yet scored" : String(value);
  }

  function describe(node) {
    const heading = element("h3", undefined, { class: "nhsuk-heading-s" });
    heading.append(element("a", node.name, { href: node.href }));
    const facts = element("dl", undefined, { class: "app-network__facts" });
    const rows = [
      ["Sector", node.sectorLabel],
      ["Roles", node.roleLabels.join(", ") || "None recorded"],
      ["Influence", score(node.influence)],
      ["Interest", score(node.interest)],
      ["Impact", score(node.impact)],
      ["Grid quadrant", node.quadrantLabel],
      ["Attitude", node.attitude],
      ["Under-served", node.underserved ? "Yes" : "No"],
      ["Engaged", node.engaged ? "Yes" : "No"],
    ];
    if (node.doNotContact) rows.push(["Contact", "Do not contact"]);
    for (const [key, value] of rows) {
      const row = element("div");
      row.append(element("dt", key), element("dd", value));
      facts.append(row);
    }
    const links = data.edges.filter((edge) => edge.source === node.id || edge.target === node.id);
    const list = element("ul", undefined, { class: "nhsuk-list app-network__links" });
    for (const edge of links) {
      const other = byId.get(edge.source === node.id ? edge.target : edge.source);
      const item = element("li");
      const button = element("button", other.name, { type: "button", class: "app-link-button", "data-node": other.id });
      if (edge.source === node.id) item.append(`${node.name} ${edge.kind} `, button);
      else item.append(button, ` ${edge.kind} ${node.name}`);
      list.append(item);
    }
    details.replaceChildren(heading, facts, element("h4", `Relationships (${links.length})`, { class: "nhsuk-heading-xs" }));
    details.append(links.length ? list : element("p", "No relationships drawn."));
  }

  const intro = [...details.childNodes];
  function select(id, centre) {
    const node = cy.getElementById(id);
    cy.elements().removeClass("faded linked");
    cy.nodes().unselect();
    if (!id || !node.nonempty()) {
      pick.value = "";
      details.replaceChildren(...intro);
      return;
    }
    node.select();
    const near = node.closedNeighborhood();
    cy.elements().not(near).addClass("faded");
    node.connectedEdges().addClass("linked");
    pick.value = id;
    describe(byId.get(id));
    if (centre) cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1) }, { duration: 250 });
  }

  cy.on("tap", "node", (event) => select(event.target.id(), false));
  cy.on("tap", (event) => {
    if (event.target === cy) select("", false);
  });
  pick.addEventListener("change", () => select(pick.value, true));
  details.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-node]");
    if (button) select(button.dataset.node, true);
  });
  explorer.querySelector(".app-network__tools").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-zoom]");
    if (!button) return;
    const centre = { x: cy.width() / 2, y: cy.height() / 2 };
    if (button.dataset.zoom === "fit") cy.fit(cy.elements(":visible"), 20);
    else cy.zoom({ level: cy.zoom() * (button.dataset.zoom === "in" ? 1.4 : 1 / 1.4), renderedPosition: centre });
  });

  // The filters narrow the view at once. What the server did not send (a wider choice than the page was drawn
  // for, or a map larger than is drawn) needs the page again, so then the form is sent as without JavaScript.
  const drawnFor = Object.fromEntries(filters.map((select) => [select.name, select.value]));
  const matches = (node, wanted) =>
    (!wanted.role || node.roles.includes(wanted.role)) &&
    (!wanted.sector || node.sector === wanted.sector) &&
    (!wanted.quadrant || node.quadrant === wanted.quadrant);
  function applyFilters() {
    const wanted = Object.fromEntries(filters.map((select) => [select.name, select.value]));
    const narrower = filters.every((select) => !drawnFor[select.name] || drawnFor[select.name] === wanted[select.name]);
    if (data.truncated || !narrower) {
      form.requestSubmit();
      return;
    }
    const shown = new Set(data.nodes.filter((node) => matches(node, wanted)).map((node) => node.id));
    cy.batch(() => {
      cy.nodes().forEach((node) => node.toggleClass("hidden", !shown.has(node.id())));
    });
    for (const row of document.querySelectorAll("[data-node-row]")) row.hidden = !shown.has(row.dataset.nodeRow);
    for (const row of document.querySelectorAll("[data-link-row]")) {
      const [a, b] = row.dataset.linkRow.split(" ");
      row.hidden = !(shown.has(a) && shown.has(b));
    }
    const query = new URLSearchParams(new FormData(form));
    for (const [key, value] of [...query.entries()]) if (!value) query.delete(key);
    window.history.replaceState(null, "", `?${query}${window.location.hash}`);
    const status = document.getElementById("network-status");
    status.textContent = `Showing ${shown.size} of ${data.nodes.length} stakeholders.`;
    if (pick.value && !shown.has(pick.value)) select("", false);
    cy.fit(cy.elements(":visible"), 20);
  }
  for (const select of filters) select.addEventListener("change", applyFilters);
})();
