// Progressive enhancement for the careers filters: leave empty fields out of the address, so a
// filtered view has a short URL to share. Without JavaScript the form works the same.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.matches("form.careers-filters")) {
    return;
  }
  for (const field of form.querySelectorAll("input, select")) {
    const isDefault =
      (field.name === "status" && field.value === "open") ||
      (field.name === "sort" && field.value === "closing");
    if (!field.value || isDefault) {
      field.disabled = true;
    }
  }
});

// Coming back to the page from the browser's history shows the form usable again.
window.addEventListener("pageshow", () => {
  for (const field of document.querySelectorAll("form.careers-filters [disabled]")) {
    field.disabled = false;
  }
});
