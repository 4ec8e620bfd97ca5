/**
 * `date.toISOString()`, for less: formatting the whole text costs about 0.7 µs on Node 24
 * (this machine), a fifth of a log line's own work. Lines logged within the same minute share
 * everything up to the seconds, so that part is formatted once per minute and only the
 * seconds and milliseconds are added per line.
 */
let minuteStart = Number.NaN;
let minutePrefix = '';

export function isoTimestamp(date: Date): string {
  const time = date.getTime();
  const offset = time - minuteStart;
  // Outside the cached minute (or an invalid date, which toISOString() rejects as it should).
  if (!(offset >= 0 && offset < 60_000)) return startMinute(date, time);
  const seconds = (offset / 1000) | 0;
  const millis = offset - seconds * 1000;
  return minutePrefix + (seconds < 10 ? '0' : '') + seconds + (millis < 10 ? '.00' : millis < 100 ? '.0' : '.') + millis + 'Z';
}

function startMinute(date: Date, time: number): string {
  const text = date.toISOString();
  minuteStart = time - (((time % 60_000) + 60_000) % 60_000);
  // "ss.mmmZ" is always the last 7 characters, whatever the year's width.
  minutePrefix = text.slice(0, -7);
  return text;
}
