// Writes careers/data/timezone_names.json: each time zone's long name (standard time and, where
// it differs, summer time) in the languages the app is translated into, from the CLDR data of the
// ICU that Node.js ships. Run with the zone list from Python, after a tzdata or Node.js upgrade:
//   python -c "import zoneinfo; print('\n'.join(sorted(zoneinfo.available_timezones())))" \
//     | node scripts/timezone_names.mjs > careers/data/timezone_names.json
import { readFileSync } from "node:fs";

const LANGUAGES = ["en", "es", "fr", "pt"];
const zones = readFileSync(0, "utf8").split("\n").filter((zone) => zone.includes("/"));
const year = new Date().getUTCFullYear();
const dates = [new Date(Date.UTC(year, 0, 15)), new Date(Date.UTC(year, 6, 15))];

function part(language, zone, style, date) {
  const format = new Intl.DateTimeFormat(language, { timeZone: zone, timeZoneName: style });
  return format.formatToParts(date).find((p) => p.type === "timeZoneName").value;
}

function offsetMinutes(zone, date) {
  const name = part("en", zone, "longOffset", date);
  const match = /GMT([+-])(\d\d):(\d\d)/.exec(name);
  return match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

const hasName = (name) => !/^(GMT|UTC)([+-−]|$)/.test(name);
const result = {};
for (const language of LANGUAGES) {
  const names = {};
  for (const zone of zones) {
    let standard, summer;
    try {
      const [winter, july] = dates.map((date) => part(language, zone, "long", date));
      const [winterOffset, julyOffset] = dates.map((date) => offsetMinutes(zone, date));
      [standard, summer] = julyOffset > winterOffset ? [winter, july] : [july, winter];
      if (!hasName(standard)) {
        standard = summer = part(language, zone, "longGeneric", dates[0]);
      }
    } catch {
      continue;
    }
    if (!hasName(standard)) continue;
    names[zone] = summer && summer !== standard ? [standard, summer] : [standard];
  }
  result[language] = names;
}
process.stdout.write(JSON.stringify(result, null, 0) + "\n");
