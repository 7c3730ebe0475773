const VN_OFFSET_MS = 7 * 3600_000;

/** Today's date in Asia/Ho_Chi_Minh as YYYY-MM-DD (Vietnam has no daylight saving). */
export function vnToday(now: Date = new Date()): string {
  return new Date(now.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Start of a Vietnamese calendar day as an instant. */
export function vnStartOfDay(date: string): Date {
  return new Date(`${date}T00:00:00+07:00`);
}

/** The day after a Vietnamese calendar date, as an instant (exclusive upper bound for a date filter). */
export function vnEndOfDayExclusive(date: string): Date {
  return new Date(vnStartOfDay(date).getTime() + 86_400_000);
}
