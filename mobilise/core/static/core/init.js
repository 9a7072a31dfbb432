import { initAll } from "../nhsuk/nhsuk-frontend.min.js";

initAll();
// Content swapped in by htmx gets the same behaviour as the page it lands in.
document.addEventListener("htmx:afterSettle", (event) => initAll({ scope: event.target }));
