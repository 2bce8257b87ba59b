/* A cited paragraph (cables/13790/#p14) is marked for sight by :target in edition.css.
   For assistive technology, focus moves to it, so a screen reader starts reading there
   and keyboard users continue from it. Without JavaScript the anchor still scrolls. */
(function () {
  function focusTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (!el || !el.classList.contains("ed-para")) return;
    if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
    el.focus({ preventScroll: true });
  }
  window.addEventListener("hashchange", focusTarget);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusTarget);
  } else {
    focusTarget();
  }
})();
