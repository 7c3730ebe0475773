// @eiso/calendar — the Vietnamese working-day calendar: lunar dates, public holidays, official
// yearly schedules, tenant overrides and deadline arithmetic in Asia/Ho_Chi_Minh. Pure: no I/O.

export {
  type CalendarOptions,
  createCalendar,
  type DayInput,
  vietnamDateOf,
  type WorkingCalendar,
  type YearOverride,
} from "./calendar";
export type { WorkingAmount } from "./deadline";
export { type CalendarDay, type DayKind, statutoryYear } from "./holidays";
export {
  LUNAR_RANGE,
  type LunarDate,
  leapMonthOf,
  lunarMonthLength,
  lunarToSolar,
  type SolarDate,
  solarToLunar,
} from "./lunar";
export { type OfficialSchedule, officialScheduleOf, officialSchedules, type Swap } from "./schedules";
export { formatDate, formatVietnamInstant, HOUR_MS, parseDate, parseInstant } from "./vietnam-time";
export { DEFAULT_OFFICE_HOURS, type OfficeHours, type Pause, type ResolvedOfficeHours } from "./working-time";
