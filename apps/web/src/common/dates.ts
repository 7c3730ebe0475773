import dayjs, { type Dayjs } from "dayjs";

/** Vietnamese convention for calendar dates: 25/11/2025. */
export const DATE_FORMAT = "DD/MM/YYYY";

export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).format(DATE_FORMAT) : "—";
}

/** Instants shown in the browser's clock (officers work in UTC+7): 14:05 25/11/2025. */
export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format("HH:mm:ss DD/MM/YYYY") : "—";
}

/** A DatePicker value as the API's calendar date (YYYY-MM-DD). */
export function toApiDate(value: Dayjs | null | undefined): string | null {
  return value ? value.format("YYYY-MM-DD") : null;
}

export function fromApiDate(value: string | null | undefined): Dayjs | null {
  return value ? dayjs(value) : null;
}
