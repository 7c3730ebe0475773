// The days off that the government fixed each year for civil servants and public employees of
// agencies with a Saturday–Sunday weekly rest (Labour Code 2019 art. 112(3): the Prime Minister
// decides the exact Tết and National Day days; swaps of a working day with a Saturday are
// approved by the Prime Minister on the ministry's proposal). Everything else in a year (1/1,
// 10/3 lunar, 30/4, 1/5, 2/9 and compensatory days) follows from the statute in holidays.ts.
// Each schedule cites the reports it was checked against; SOURCES.md lists them with titles.
// Years not listed fall back to the statutory rule (see holidays.ts) until a tenant overrides them.

/** A working day swapped with a weekly rest day: `off` becomes a day off, `work` a working Saturday. */
export interface Swap {
  off: string;
  work: string;
}

/** One year's government decision on the days off that the statute leaves open. */
export interface OfficialSchedule {
  year: number;
  /** The statutory Tết days (4 or 5, as the law then in force says) chosen by the government. */
  tet: string[];
  /** The day next to 2/9 chosen as the second National Day holiday (Labour Code 2019, from 2021). */
  nationalDayAdjacent?: string;
  swaps: Swap[];
  /** Where the decision was verified (title and address); see SOURCES.md. */
  sources: string[];
}

/** Official schedules shipped with the package, verified against published reports. */
export const officialSchedules: readonly OfficialSchedule[] = [
  {
    year: 2020,
    // 23/1 (29 Chạp) – 27/1 (mùng 3); 25–26/1 fell on the weekend, so 28–29/1 were compensatory.
    tet: ["2020-01-23", "2020-01-24", "2020-01-25", "2020-01-26", "2020-01-27"],
    swaps: [],
    sources: [
      "LawNet: Thông báo 4544/TB-LĐTBXH ngày 25/10/2019 — nghỉ Tết 2020 từ 23/1 đến hết 29/1, nghỉ bù 28–29/1 — https://lawnet.vn/thong-tin-phap-luat/en/thong-bao-van-ban-moi/official-lunar-new-year-holiday-schedule-officials-and-public-employees-to-have-07-days-off-144554.html",
      "Sở Công Thương Đắk Lắk, 07/01/2020: nghỉ Tết Âm lịch 2020 từ 23/1 đến hết 29/1/2020 — https://socongthuong.daklak.gov.vn/vi/news/tag/thứ-tư/page-2",
      "Kiến Thức, 14 ngày nghỉ vào các dịp lễ tết trong năm 2020 — https://m.kienthuc.net.vn/xa-hoi/14-ngay-nghi-vao-cac-dip-le-tet-trong-nam-2020-1319755.html",
    ],
  },
  {
    year: 2021,
    // 10/2 (29 Tết) – 14/2 (mùng 3); 13–14/2 were Saturday–Sunday, compensated on 15–16/2.
    tet: ["2021-02-10", "2021-02-11", "2021-02-12", "2021-02-13", "2021-02-14"],
    nationalDayAdjacent: "2021-09-03",
    swaps: [],
    sources: [
      "SGGP News, 09/12/2020: Vietnam's public holidays in 2021 (Tết 10–16/2, National Day 2–5/9) — https://sggpnews.org.vn/culture_art/vietnams-public-holidays-in-2021-89687.html",
    ],
  },
  {
    year: 2022,
    // 31/1 (29 Chạp, last day of Tân Sửu) – 4/2 (mùng 4): 5 weekdays, 29/1–6/2 with the weekends.
    tet: ["2022-01-31", "2022-02-01", "2022-02-02", "2022-02-03", "2022-02-04"],
    nationalDayAdjacent: "2022-09-01",
    swaps: [],
    sources: [
      "Kinh tế & Môi trường, 12/01: Văn phòng Chính phủ công văn 245 — Tết Nhâm Dần nghỉ chính thức 5 ngày cộng 4 ngày cuối tuần — https://kinhtemoitruong.vn./nghi-82743.tag",
      "Wikihoc, Lịch nghỉ Tết Nguyên Đán Nhâm Dần 2022 (31/1–4/2, 29/1–6/2 với cuối tuần) — https://wikihoc.com/giai-ngo/lich-nghi-tet-nguyen-dan-nham-dan-2022-chi-tiet-chinh-thuc.html",
      "SCON, Thông báo lịch nghỉ lễ năm 2022 (Quốc khánh 01/09–02/09/2022) — https://scon.com.vn/vi/cac-ngay-nghi-le-trong-nam-2022/",
    ],
  },
  {
    year: 2023,
    // 20/1 (29 Chạp) – 24/1 (mùng 3); 21–22/1 on the weekend, compensated 25–26/1 (art. 111(3)).
    // 2/9 fell on Saturday: 1/9 was the adjacent day and 4/9 compensatory.
    tet: ["2023-01-20", "2023-01-21", "2023-01-22", "2023-01-23", "2023-01-24"],
    nationalDayAdjacent: "2023-09-01",
    swaps: [],
    sources: [
      "VietnamPlus, 01/12/2022: Seven-day Tet holiday fixed for state employees (20–26/1/2023; National Day 1–4/9/2023) — https://en.vietnamplus.vn/sevenday-tet-holiday-fixed-for-state-employees/244803.vnp",
      "SGGP News, 08/12/2022: five days off for Tết plus two compensatory days under art. 111(3) — https://www.sggpnews.org.vn/national/molisa-suggests-not-to-abuse-prolong-lunar-new-year-holiday-103831.html",
    ],
  },
  {
    year: 2024,
    // 8/2 (29 Chạp) – 12/2 (mùng 3); 10–11/2 on the weekend, compensated 13–14/2.
    tet: ["2024-02-08", "2024-02-09", "2024-02-10", "2024-02-11", "2024-02-12"],
    nationalDayAdjacent: "2024-09-03",
    swaps: [{ off: "2024-04-29", work: "2024-05-04" }],
    sources: [
      "Việt Nam News, 05/11/2023: One-week break approved for Tết holiday in 2024 (8–14/2; National Day 31/8–3/9) — https://vietnamnews.vn/society/1636141/one-week-break-approved-for-tet-holiday-in-2024.html",
      "Báo Pháp luật, Văn phòng Chính phủ văn bản 2450/VPCP-KGVX ngày 12/4/2024: nghỉ 27/4–1/5, hoán đổi thứ Hai 29/4 — https://baophapluat.vn/media/thu-tuong-chinh-phu-dong-y-nghi-5-ngay-lien-tiep-dip-304-va-15-post12513.html",
      "SGGP, HCMC announces five days off: work on 4/5 instead of 29/4 — https://en.sggp.org.vn/hcmc-announces-five-days-off-on-reunification-day-intl-labor-day-post109431.html",
    ],
  },
  {
    year: 2025,
    // 27/1 (28 Chạp) – 31/1 (mùng 3), 25/1–2/2 with the weekends.
    tet: ["2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"],
    nationalDayAdjacent: "2025-09-01",
    swaps: [{ off: "2025-05-02", work: "2025-04-26" }],
    sources: [
      "SGGP, 27/11/2024: Prime Minister approves 9-day Tet break for 2025 (25/1–2/2, five days 27–31/1) — https://en.sggp.org.vn/prime-minister-approves-9-day-tet-break-for-2025-post114084.html",
      "Report of the 30/4–1/5/2025 schedule: five days 30/4–4/5, Friday 2/5 swapped with Saturday 26/4 — https://zhenguoke.com/read/-dy-article-JQPEAD7N0534MHMX.html",
      "Gia đình & Xã hội, 07/08/2025: Bộ Nội vụ — Quốc khánh 2025 nghỉ 4 ngày từ 30/8 đến hết 2/9 — https://giadinh.suckhoedoisong.vn/lich-nghi-le-quoc-khanh-2-9-sap-toi-cua-hoc-sinh-34-tinh-thanh-tren-ca-nuoc-172250807154747045.htm",
    ],
  },
  {
    year: 2026,
    // 16/2 (29 Chạp, last day of Ất Tỵ) – 20/2 (mùng 4); 14–22/2 with the weekends.
    tet: ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"],
    nationalDayAdjacent: "2026-09-01",
    swaps: [
      { off: "2026-01-02", work: "2026-01-10" },
      { off: "2026-08-31", work: "2026-08-22" },
    ],
    sources: [
      "SGGP, 14/10/2025: Prime Minister approves 9-day Tet break for 2026 (14–22/2; National Day 29/8–2/9) — https://en.sggp.org.vn/prime-minister-approves-9-day-tet-break-for-2026-post120979.html",
      "Việt Nam News, 17/10/2025: Ministry of Home Affairs announces 2026 holiday schedule (work Saturday 22/8 for Monday 31/8) — https://vietnamnews.vn/politics-laws/1727514/ministry-of-home-affairs-announces-2026-holiday-schedule-for-lunar-new-year-national-day.html",
      "Văn phòng Chính phủ văn bản 12729/VPCP-KGVX ngày 25/12/2025 as reported by xe.today, 29/12/2025: Tết Dương lịch 1–4/1/2026, Friday 2/1 swapped with Saturday 10/1 — https://xe.today/2025/12/29/who-qualifies-for-the-4-day-new-years-day-2026-holiday-swap",
      "Tra cứu quy hoạch: Chính phủ đồng ý nghỉ Tết Dương lịch 2026 4 ngày (1–4/1/2026) — https://tracuuquyhoach.com/tin-tuc/tin-vui-cho-nguoi-lao-dong-chinh-phu-dong-y-nghi-tet-duong-lich-4-ngay-54100289",
    ],
  },
];

/** The shipped official schedule of a year, if the team verified one. */
export function officialScheduleOf(year: number): OfficialSchedule | undefined {
  return officialSchedules.find((s) => s.year === year);
}
