// Review page of a judgment publication: text selected in the original fills the "add replacement" field.
document.addEventListener("DOMContentLoaded", function () {
  var original = document.getElementById("original-text");
  var term = document.getElementById("term");
  if (!original || !term) {
    return;
  }
  original.addEventListener("mouseup", function () {
    var selected = String(window.getSelection() || "").trim();
    if (selected && selected.length <= 100 && selected.indexOf("\n") === -1) {
      term.value = selected;
      term.focus();
    }
  });
});
