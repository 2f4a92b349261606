/**
 * HTTP dates as RFC 9110 §5.6.7 defines them: the IMF-fixdate senders use, and the two obsolete forms
 * (RFC 850 and asctime) recipients must still accept. Anything else is not a date: `Date.parse`
 * reads `-5` or `3, 4` as days in 2001, which would turn a malformed header into a wait of zero.
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = `(${DAYS.join('|')})`;
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
// Sun, 06 Nov 1994 08:49:37 GMT
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
// Sunday, 06-Nov-94 08:49:37 GMT
const RFC850 = new RegExp(`^(${LONG_DAYS.join('|')}), (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
// Sun Nov  6 08:49:37 1994
const ASCTIME = new RegExp(`^${DAY} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

/**
 * The time an HTTP date names, in epoch milliseconds, or undefined when `text` is not one. `now`
 * places an RFC 850 date's two-digit year: a year more than 50 years ahead is read as the most recent
 * past year with the same last two digits (RFC 9110 §5.6.7).
 */
export function parseHttpDate(text: string, now: number): number | undefined {
  let m = IMF_FIXDATE.exec(text);
  if (m) return build(Number(m[4]), m[3], m[2], m.slice(5, 8));
  m = RFC850.exec(text);
  if (m) {
    const current = new Date(now).getUTCFullYear();
    let year = current - (current % 100) + Number(m[4]);
    if (year > current + 50) year -= 100;
    return build(year, m[3], m[2], m.slice(5, 8));
  }
  m = ASCTIME.exec(text);
  if (m) return build(Number(m[7]), m[2], m[3]?.trim(), m.slice(4, 7));
  return undefined;
}

// Rejects what the pattern lets through but no calendar has: 31 Feb, 25:00. The weekday is only
// checked for shape: a server that names the wrong one still means the date it gives.
function build(year: number, monthName: string | undefined, dayText: string | undefined, time: (string | undefined)[]): number | undefined {
  const month = MONTHS.indexOf(monthName ?? '');
  const day = Number(dayText);
  const [hour, minute, second] = time.map(Number) as [number, number, number];
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC, which reads years 0-99 as 1900-1999.
  date.setUTCFullYear(year, month, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) return undefined;
  // A leap second (:60) is, for a wait, the next minute's :00.
  return date.getTime() + ((hour * 60 + minute) * 60 + second) * 1000;
}
