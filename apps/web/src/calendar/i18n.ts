import { useTranslation } from "react-i18next";
import { i18n } from "../i18n";

/** The working-calendar screen's own i18n namespace ("calendar"). */
const vi = {
  menu: "Lịch làm việc",
  title: "Lịch làm việc và ngày nghỉ",
  subtitle:
    "Ngày nghỉ lễ, Tết, nghỉ bù, hoán đổi ngày làm việc và giờ làm việc dùng để tính hạn giải quyết hồ sơ",
  year: "Năm",
  date: "Ngày",
  weekday: "Thứ",
  name: "Tên ngày",
  kind: "Loại",
  source: "Căn cứ",
  shippedSource: "Lịch chính thức do Chính phủ công bố",
  noOfficial: "Chưa có lịch chính thức cho năm này: áp dụng quy định của Bộ luật Lao động",
  override: "Điều chỉnh của địa phương",
  noOverride: "Chưa có điều chỉnh",
  editOverride: "Điều chỉnh lịch năm {{year}}",
  mode: "Cách áp dụng",
  extend: "Bổ sung, sửa ngày theo lịch chính thức",
  replace: "Thay toàn bộ danh sách ngày của năm",
  addDay: "Thêm ngày",
  save: "Lưu điều chỉnh",
  saved: "Đã lưu. Hạn giải quyết mới được tính theo lịch này ngay.",
  changedByTenant: "Điều chỉnh của địa phương",
  updatedBy: "Cập nhật bởi {{who}} lúc {{at}}",
  officeHours: "Giờ làm việc",
  period: "Buổi",
  weekdays: "Ngày làm việc trong tuần",
  saveHours: "Lưu giờ làm việc",
  hoursSaved: "Đã lưu giờ làm việc",
  calculator: "Tính hạn giải quyết",
  from: "Thời điểm tiếp nhận",
  days: "Số ngày làm việc",
  hours: "Số giờ làm việc",
  compute: "Tính hạn",
  countingStart: "Bắt đầu tính từ",
  due: "Hạn trả kết quả",
  month: "Tháng",
  list: "Danh sách",
  calendarView: "Lịch tháng",
  readOnly: "Chỉ quản trị hệ thống của tỉnh/thành phố được điều chỉnh lịch.",
  weekdayNames: {
    "1": "Thứ Hai",
    "2": "Thứ Ba",
    "3": "Thứ Tư",
    "4": "Thứ Năm",
    "5": "Thứ Sáu",
    "6": "Thứ Bảy",
    "7": "Chủ nhật",
  },
};
type Messages = typeof vi;
const en: Messages = {
  menu: "Working calendar",
  title: "Working calendar and days off",
  subtitle:
    "Public holidays, Tết, compensatory days, swapped working days and office hours used for dossier deadlines",
  year: "Year",
  date: "Date",
  weekday: "Weekday",
  name: "Name",
  kind: "Kind",
  source: "Source",
  shippedSource: "Official schedule published by the Government",
  noOfficial: "No official schedule for this year yet: the Labour Code rule applies",
  override: "Local adjustment",
  noOverride: "No adjustment",
  editOverride: "Adjust the {{year}} calendar",
  mode: "Mode",
  extend: "Add or change days of the official schedule",
  replace: "Replace the whole list of days of the year",
  addDay: "Add a day",
  save: "Save adjustment",
  saved: "Saved. New deadlines use this calendar right away.",
  changedByTenant: "Local adjustment",
  updatedBy: "Updated by {{who}} at {{at}}",
  officeHours: "Office hours",
  period: "Period",
  weekdays: "Working weekdays",
  saveHours: "Save office hours",
  hoursSaved: "Office hours saved",
  calculator: "Deadline calculator",
  from: "Received at",
  days: "Working days",
  hours: "Working hours",
  compute: "Compute",
  countingStart: "Counting starts",
  due: "Due",
  month: "Month",
  list: "List",
  calendarView: "Month view",
  readOnly: "Only the tenant administrator can adjust the calendar.",
  weekdayNames: {
    "1": "Monday",
    "2": "Tuesday",
    "3": "Wednesday",
    "4": "Thursday",
    "5": "Friday",
    "6": "Saturday",
    "7": "Sunday",
  },
};
i18n.addResourceBundle("vi", "calendar", vi, true, true);
i18n.addResourceBundle("en", "calendar", en, true, true);

/** Translations of the calendar screen; re-renders when the language changes. */
export function useCalT(): (key: string, values?: Record<string, unknown>) => string {
  const { i18n: instance } = useTranslation();
  const t = (
    instance.getFixedT as unknown as (lng: null, ns: string) => (key: string, values?: object) => string
  )(null, "calendar");
  return (key, values) => t(key, values);
}
