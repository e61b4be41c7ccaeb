// The careers embed, for any website: turns each
//   <div data-careers-embed="https://careers.example.org/careers/" data-lang="es" data-filters
//        data-title="Open positions"></div>
// into a frame showing that listing's open positions, sized to its content from the height
// messages the frame sends (only from that frame, and only from its origin). Without data-lang,
// the frame is in the host page's own language (<html lang>) where the listing has it.
(function () {
  "use strict";
  function embed(host) {
    if (host.careersEmbed) return;
    var listing = host.getAttribute("data-careers-embed");
    var src;
    try { src = new URL("embed/", new URL(listing.replace(/\/?$/, "/"), document.baseURI)); }
    catch (error) { return; }
    if (src.protocol !== "https:" && src.protocol !== "http:") return;
    var lang = host.getAttribute("data-lang") || document.documentElement.lang;
    if (lang) src.searchParams.set("lang", lang);
    if (host.hasAttribute("data-filters")) src.searchParams.set("filters", "1");
    var frame = document.createElement("iframe");
    frame.src = src.href;
    frame.title = host.getAttribute("data-title") || "Open positions";
    frame.loading = "lazy";
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.width = "100%";
    frame.height = "600";
    frame.style.border = "0";
    frame.style.display = "block";
    frame.style.width = "100%";
    host.careersEmbed = frame;
    host.appendChild(frame);
    window.addEventListener("message", function (event) {
      var data = event.data;
      if (event.origin !== src.origin || event.source !== frame.contentWindow) return;
      if (!data || data.type !== "careers-embed:height") return;
      var height = Number(data.height);
      if (height > 0 && height < 100000) frame.style.height = Math.ceil(height) + "px";
    });
  }
  function all() {
    var hosts = document.querySelectorAll("[data-careers-embed]");
    for (var i = 0; i < hosts.length; i++) embed(hosts[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all);
  else all();
})();
