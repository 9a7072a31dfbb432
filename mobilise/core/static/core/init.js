import { initAll } from "../nhsuk/nhsuk-frontend.min.js";

initAll();
// Content swapped in by htmx gets the same behaviour as the page it lands in.
document.addEventListener("htmx:afterSettle", (event) => initAll({ scope: event.target }));

// A table wider than the screen scrolls in its frame (.app-table-scroll, 320 px wide and up). Such a frame takes the
// keyboard's focus, named by its table's caption, so that it can be scrolled without a mouse; a frame that fits
// takes no tab stop. Without JavaScript the frame still scrolls by touch and pointer.
function markScrollingFrames(scope = document) {
  for (const frame of scope.querySelectorAll(".app-table-scroll")) {
    const caption = frame.querySelector("caption");
    if (frame.scrollWidth > frame.clientWidth && caption) {
      frame.tabIndex = 0;
      frame.setAttribute("role", "region");
      frame.setAttribute("aria-label", `${caption.textContent.trim()} (scrolls sideways)`);
    } else {
      ["tabindex", "role", "aria-label"].forEach((name) => frame.removeAttribute(name));
    }
  }
}
markScrollingFrames();
let resizing = false;
window.addEventListener("resize", () => {
  if (!resizing) {
    resizing = true;
    requestAnimationFrame(() => { markScrollingFrames(); resizing = false; });
  }
});
document.addEventListener("htmx:afterSettle", (event) => markScrollingFrames(event.target));
// A table folded in a closed disclosure has no width until it opens; "toggle" does not bubble, so it is caught.
document.addEventListener("toggle", (event) => { if (event.target.open) markScrollingFrames(event.target); }, true);
