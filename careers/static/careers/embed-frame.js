// Inside the careers embed's frame: tell the page around it how tall the list is, so that
// careers/embed.js can size the frame. The height is no secret, so any parent may read it.
(function () {
  "use strict";
  if (window.parent === window) return;
  var last = 0;
  function post() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "careers-embed:height", height: height }, "*");
  }
  if (window.ResizeObserver) new ResizeObserver(post).observe(document.documentElement);
  window.addEventListener("load", post);
  post();
})();
