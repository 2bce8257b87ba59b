/* The list of telegrams (table.ed-sortable) sorted by a column on request: each sortable
   heading (th[data-sort]) becomes a button; pressing it sorts the rows by the column's
   data-value (or text), ascending, then descending. aria-sort tells assistive technology.
   Without JavaScript the table stays in the edition's order (by date, then post). */
(function () {
  function key(cell) {
    return (cell.getAttribute("data-value") || cell.textContent).trim();
  }
  function setUp(table) {
    var heads = table.querySelectorAll("thead th[data-sort]");
    Array.prototype.forEach.call(heads, function (th) {
      var column = Array.prototype.indexOf.call(th.parentNode.children, th);
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[column]), y = key(b.cells[column]);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  function all() {
    Array.prototype.forEach.call(document.querySelectorAll("table.ed-sortable"), setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", all);
  } else {
    all();
  }
})();
