import { createCalendar, type WorkingCalendar } from "@eiso/calendar";
import type { TCalendarYear, TOfficeHours } from "@eiso/contracts";
import { type UseQueryResult, useQueries, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { api } from "../api/client";

/**
 * The tenant's working calendar in the browser, the one the API counts deadlines with
 * (packages/calendar): for `years`, the days in effect for the tenant as the API gives them
 * (statutory holidays, the official schedule, the tenant's changes, make-up working Saturdays),
 * with the tenant's office hours. Other years follow the shipped calendar. Null until loaded or
 * when not `enabled`. Shares its queries with the "Lịch làm việc" screen, which refreshes them on save.
 */
/** A year of the tenant's calendar as the API gives it (shared with the "Lịch làm việc" screen). */
export const calendarYearQuery = (year: number) => ({
  queryKey: ["calendar", year] as const,
  queryFn: () => api.get<TCalendarYear>(`/api/calendar/years/${year}`),
});

/** The tenant's office hours (shared with the "Lịch làm việc" screen). */
export const officeHoursQuery = {
  queryKey: ["calendar", "office-hours"] as const,
  queryFn: () => api.get<TOfficeHours>("/api/calendar/office-hours"),
};

/** The years' data (module-level: `useQueries` then keeps the combined array while nothing changes). */
const dataOf = (results: UseQueryResult<TCalendarYear>[]) => results.map((r) => r.data);

export function useWorkingCalendar(years: readonly number[], enabled = true): WorkingCalendar | null {
  const unique = [...new Set(years)].sort((a, b) => a - b);
  const loaded = useQueries({
    queries: unique.map((year) => ({ ...calendarYearQuery(year), enabled })),
    combine: dataOf,
  });
  const officeHours = useQuery({ ...officeHoursQuery, enabled }).data;
  return useMemo(() => {
    if (!enabled || !officeHours || loaded.some((y) => !y)) return null;
    return createCalendar({
      overrides: (loaded as TCalendarYear[]).map((y) => ({ year: y.year, mode: "replace", days: y.days })),
      officeHours,
    });
  }, [enabled, officeHours, loaded]);
}

/**
 * Whether `at` is office time on a working day of `calendar`, an office period's closing time
 * included (a deadline counted in working hours ends there, e.g. 17:00).
 */
export function isWorkingInstant(calendar: WorkingCalendar, at: Date): boolean {
  const within = (t: Date) => calendar.countingStart(t).getTime() === t.getTime();
  return within(at) || within(new Date(at.getTime() - 1));
}
