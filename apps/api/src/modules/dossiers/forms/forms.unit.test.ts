import { afterEach, describe, expect, it } from "vitest";
import { apologyForm, apologyPage } from "./apology-form";
import { controlSheetForm, controlSheetPage } from "./control-sheet-form";
import { formFileName } from "./index";
import { type FormPage, pageText } from "./layout";
import { type DocxContent, decodeQr, htmlText, readDocx } from "./read-back";
import { receiptForm, receiptPage } from "./receipt-form";
import { refusalForm, refusalPage } from "./refusal-form";
import { SAMPLE_CODE, SAMPLE_TRACKING_URL, sampleFormContext } from "./sample-dossier";
import { stopNoticeForm, stopNoticePage } from "./stop-notice-form";
import { supplementRequestForm, supplementRequestPage } from "./supplement-request-form";
import type {
  ApologyExtras,
  ControlSheetExtras,
  FormContextWithDue,
  GeneratedForm,
  StopNoticeExtras,
  SupplementRequestExtras,
} from "./types";

const RECEIVED = "09 giờ 15 phút, ngày 25 tháng 11 năm 2026";
const DUE = "09 giờ 15 phút, ngày 27 tháng 11 năm 2026";
const ISSUED = "Thành phố Hồ Chí Minh, ngày 25 tháng 11 năm 2026";
const at = (iso: string) => new Date(iso);

const supplement: SupplementRequestExtras = {
  items: [
    {
      requirement: "Nộp bản chính Giấy chứng sinh",
      reason: "Hồ sơ chỉ có bản chụp Giấy chứng sinh",
    },
    {
      requirement: "Ghi đầy đủ nơi sinh trong Tờ khai đăng ký khai sinh",
      reason: "Mục nơi sinh còn để trống",
    },
  ],
  legalBasis: "Điều 16 Luật Hộ tịch",
};
const refusal = {
  reasons: ["Trẻ đã được đăng ký khai sinh tại Ủy ban nhân dân phường Bến Thành."],
  legalBasis: "Luật Hộ tịch",
};
const apology: ApologyExtras = {
  leader: { name: "Lê Văn Cường", position: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" },
  reason: "Cần xác minh thông tin hộ tịch của người mẹ tại nơi cư trú trước đây",
  newDueAt: at("2026-12-02T14:30:00+07:00"),
  number: "125/UBND-VP",
  copiesTo: ["Bộ phận Một cửa phường Sài Gòn"],
};
const stop: StopNoticeExtras = {
  reason: "Người yêu cầu đề nghị dừng giải quyết để bổ sung giấy tờ của người cha",
  leader: { name: "Lê Văn Cường", position: "Chủ tịch" },
  number: "126/TB-UBND",
  requestedAt: at("2026-11-26T08:05:00+07:00"),
};
const controlSheet: ControlSheetExtras = {
  handlingUnit: "Ủy ban nhân dân phường Sài Gòn",
  // Deliberately out of order: the sheet lists hand-overs by time.
  steps: [
    {
      fromUnit: "Công chức Tư pháp - Hộ tịch",
      fromPerson: "Phạm Minh Đức",
      toUnit: "Lãnh đạo Ủy ban nhân dân phường",
      toPerson: "Lê Văn Cường",
      handedAt: at("2026-11-26T15:40:00+07:00"),
      dueAt: at("2026-11-27T08:00:00+07:00"),
      doneAt: at("2026-11-27T10:10:00+07:00"),
      result: "late",
      note: "Chờ ý kiến xác minh",
    },
    {
      fromUnit: "Bộ phận Một cửa phường Sài Gòn",
      fromPerson: "Trần Thị Bình",
      toUnit: "Công chức Tư pháp - Hộ tịch",
      toPerson: "Phạm Minh Đức",
      handedAt: at("2026-11-25T09:30:00+07:00"),
      dueAt: at("2026-11-26T16:00:00+07:00"),
      doneAt: at("2026-11-26T15:40:00+07:00"),
      result: "on_time",
    },
    {
      fromUnit: "Lãnh đạo Ủy ban nhân dân phường",
      fromPerson: "Lê Văn Cường",
      toUnit: "Bộ phận Một cửa phường Sài Gòn",
      toPerson: "Trần Thị Bình",
      handedAt: at("2026-11-27T10:10:00+07:00"),
      dueAt: null,
      doneAt: null,
      result: "in_progress",
    },
  ],
};

async function read(out: GeneratedForm) {
  const doc = await readDocx(out.docx);
  return { doc, text: doc.paragraphs.join("\n"), html: htmlText(out.html) };
}

async function qrTexts(doc: DocxContent): Promise<(string | null)[]> {
  return Promise.all(doc.media.map(async (path) => decodeQr(await doc.zip.file(path)!.async("nodebuffer"))));
}

function htmlQrTexts(html: string): (string | null)[] {
  return [...html.matchAll(/src="data:image\/png;base64,([^"]+)"/g)].map((m) =>
    decodeQr(Buffer.from(m[1] ?? "", "base64")),
  );
}

/** Asserts every line is in the DOCX text and in the print view's text. */
function expectInBoth(r: { text: string; html: string }, lines: string[]) {
  for (const line of lines) {
    expect(r.text, `DOCX should contain: ${line}`).toContain(line);
    expect(r.html, `HTML should contain: ${line}`).toContain(line);
  }
}

const COMMON = [
  SAMPLE_CODE,
  "Nguyễn Văn An",
  "Đăng ký khai sinh",
  ISSUED,
  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  "Độc lập - Tự do - Hạnh phúc",
];

describe("form 01 — receipt with appointment", () => {
  it("prints the dossier code, applicant, procedure, reception and appointment times", async () => {
    const r = await read(await receiptForm(sampleFormContext(), { bookNumber: "03", bookSequence: 1245 }));
    expectInBoth(r, [
      ...COMMON,
      "Mẫu số 01",
      "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
      `Mã hồ sơ: ${SAMPLE_CODE}`,
      "Tiếp nhận hồ sơ của: Nguyễn Văn An",
      "Nội dung yêu cầu giải quyết: Đăng ký khai sinh (mã thủ tục 1.001193)",
      "2. Số lượng hồ sơ: 01 (bộ)",
      "3. Thời gian giải quyết hồ sơ theo quy định là: 02 ngày làm việc",
      `4. Thời gian nhận hồ sơ: ${RECEIVED}`,
      `5. Thời gian trả kết quả giải quyết hồ sơ: ${DUE}`,
      "6. Đăng ký nhận kết quả: Tại Bộ phận Một cửa phường Sài Gòn",
      "7. Phí, lệ phí: Miễn lệ phí",
      "Vào Sổ theo dõi hồ sơ, Quyển số: 03",
      "Số thứ tự: 1245",
      "NGƯỜI TIẾP NHẬN HỒ SƠ",
      "Trần Thị Bình",
    ]);
  });

  it("lists every document of the dossier with its originals and copies", async () => {
    const { doc } = await read(await receiptForm(sampleFormContext()));
    const row = doc.paragraphs.indexOf("Giấy chứng nhận kết hôn của cha, mẹ");
    expect(row).toBeGreaterThan(0);
    expect(doc.paragraphs.slice(row - 1, row + 4)).toEqual([
      "3",
      "Giấy chứng nhận kết hôn của cha, mẹ",
      "0",
      "1",
      "Xuất trình bản chính",
    ]);
  });

  it("embeds a QR code that decodes to the dossier's tracking URL, in the DOCX and the print view", async () => {
    const out = await receiptForm(sampleFormContext());
    const { doc } = await read(out);
    expect(doc.media).toHaveLength(1);
    expect(doc.media[0]).toMatch(/\.png$/);
    expect(await qrTexts(doc)).toEqual([SAMPLE_TRACKING_URL]);
    expect(htmlQrTexts(out.html)).toEqual([SAMPLE_TRACKING_URL]);
  });

  it("has the applicant sign only when the dossier was handed in at the counter", async () => {
    const counter = await read(await receiptForm(sampleFormContext()));
    const online = await read(await receiptForm(sampleFormContext({ dossier: { method: "online" } })));
    expect(counter.text).toContain("NGƯỜI NỘP HỒ SƠ");
    expect(online.text).not.toContain("NGƯỜI NỘP HỒ SƠ");
    expect(online.html).not.toContain("NGƯỜI NỘP HỒ SƠ");
    expect(online.text).toContain("NGƯỜI TIẾP NHẬN HỒ SƠ");
  });

  it("refuses a tracking link that is not http(s)", async () => {
    const ctx = sampleFormContext({ dossier: { trackingUrl: "javascript:alert(1)" } });
    await expect(receiptForm(ctx)).rejects.toThrow(/http/);
  });
});

describe("form 02 — supplement request", () => {
  it("lists each requirement with its reason, the legal basis and whom to contact", async () => {
    const r = await read(await supplementRequestForm(sampleFormContext(), supplement));
    expectInBoth(r, [
      ...COMMON,
      "Mẫu số 02",
      "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
      "Hồ sơ của: Nguyễn Văn An",
      `Thời gian nhận hồ sơ: ${RECEIVED}`,
      "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:",
      "Nộp bản chính Giấy chứng sinh",
      "Hồ sơ chỉ có bản chụp Giấy chứng sinh",
      "Ghi đầy đủ nơi sinh trong Tờ khai đăng ký khai sinh",
      "Mục nơi sinh còn để trống",
      "Căn cứ: Điều 16 Luật Hộ tịch",
      "Ông/Bà liên hệ với Trần Thị Bình, số điện thoại 0903 111 222 để được hướng dẫn./.",
      "NGƯỜI HƯỚNG DẪN",
    ]);
    expect(r.doc.paragraphs.indexOf("Mục nơi sinh còn để trống")).toBeGreaterThan(
      r.doc.paragraphs.indexOf("Hồ sơ chỉ có bản chụp Giấy chứng sinh"),
    );
  });

  it("embeds the tracking QR code", async () => {
    const out = await supplementRequestForm(sampleFormContext(), supplement);
    expect(await qrTexts((await read(out)).doc)).toEqual([SAMPLE_TRACKING_URL]);
    expect(htmlQrTexts(out.html)).toEqual([SAMPLE_TRACKING_URL]);
  });

  it("will not issue a request with nothing to supplement", async () => {
    await expect(supplementRequestForm(sampleFormContext(), { items: [] })).rejects.toThrow(RangeError);
  });
});

describe("form 03 — refusal", () => {
  it("states the refusal and its reasons", async () => {
    const r = await read(await refusalForm(sampleFormContext(), refusal));
    expectInBoth(r, [
      ...COMMON,
      "Mẫu số 03",
      "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
      "Tiếp nhận hồ sơ của: Nguyễn Văn An",
      `Thời gian nhận hồ sơ: ${RECEIVED}`,
      "Qua nghiên cứu, xem xét hồ sơ, căn cứ Luật Hộ tịch, Bộ phận Một cửa phường Sài Gòn thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
      "1. Trẻ đã được đăng ký khai sinh tại Ủy ban nhân dân phường Bến Thành.",
      "Xin thông báo cho Ông/Bà được biết và thực hiện./.",
      "NGƯỜI TIẾP NHẬN HỒ SƠ",
    ]);
  });

  it("will not refuse without a reason", async () => {
    await expect(refusalForm(sampleFormContext(), { reasons: ["  "] })).rejects.toThrow(RangeError);
  });
});

describe("form 04 — apology with a request to extend", () => {
  it("apologises, gives the reason and the new appointment, and is signed by the leader", async () => {
    const r = await read(await apologyForm(sampleFormContext(), apology));
    expectInBoth(r, [
      ...COMMON,
      "Mẫu số 04",
      "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
      "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
      "ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN",
      "Số: 125/UBND-VP",
      "Kính gửi: Ông/Bà Nguyễn Văn An",
      "Ngày 25 tháng 11 năm 2026, Ủy ban nhân dân phường Sài Gòn tiếp nhận hồ sơ của Ông/Bà đề nghị giải quyết thủ tục Đăng ký khai sinh, mã hồ sơ 000.10.50.H29-261125-0001",
      `Thời hạn trả kết quả giải quyết hồ sơ ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả là ${DUE}.`,
      "Lý do: Cần xác minh thông tin hộ tịch của người mẹ tại nơi cư trú trước đây.",
      "đồng ý gia hạn thời gian giải quyết hồ sơ đến 14 giờ 30 phút, ngày 02 tháng 12 năm 2026;",
      "- Như trên;",
      "- Bộ phận Một cửa phường Sài Gòn;",
      "- Lưu: VT.",
      "KT. CHỦ TỊCH",
      "PHÓ CHỦ TỊCH",
      "Lê Văn Cường",
    ]);
  });

  it("embeds the tracking QR code", async () => {
    const out = await apologyForm(sampleFormContext(), apology);
    expect(await qrTexts((await read(out)).doc)).toEqual([SAMPLE_TRACKING_URL]);
    expect(htmlQrTexts(out.html)).toEqual([SAMPLE_TRACKING_URL]);
  });

  it("leaves the number blank for the clerk when it is not registered yet", async () => {
    const r = await read(await apologyForm(sampleFormContext(), { ...apology, number: null }));
    expectInBoth(r, ["Số: …………/…………"]);
  });

  it("rejects a new appointment that is not later than the first", async () => {
    const ctx = sampleFormContext();
    await expect(apologyForm(ctx, { ...apology, newDueAt: ctx.dossier.dueAt })).rejects.toThrow(RangeError);
  });
});

describe("form 05 — notice that handling stops", () => {
  it("cites the applicant's request and the reason, and is signed by the leader", async () => {
    const r = await read(await stopNoticeForm(sampleFormContext(), stop));
    expectInBoth(r, [
      ...COMMON,
      "Mẫu số 05",
      "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
      "Số: 126/TB-UBND",
      "Kính gửi: Ông/Bà Nguyễn Văn An",
      "Ngày 25 tháng 11 năm 2026, Bộ phận Một cửa phường Sài Gòn đã tiếp nhận hồ sơ của Ông/Bà đề nghị giải quyết thủ tục Đăng ký khai sinh, mã hồ sơ 000.10.50.H29-261125-0001.",
      "Ngày 26 tháng 11 năm 2026, Ông/Bà có đề nghị dừng giải quyết hồ sơ nêu trên.",
      "Ủy ban nhân dân phường Sài Gòn thông báo dừng giải quyết hồ sơ nêu trên.",
      "Lý do: Người yêu cầu đề nghị dừng giải quyết để bổ sung giấy tờ của người cha.",
      "CHỦ TỊCH",
      "Lê Văn Cường",
    ]);
    expect(htmlQrTexts((await stopNoticeForm(sampleFormContext(), stop)).html)).toEqual([
      SAMPLE_TRACKING_URL,
    ]);
  });

  it("leaves the signature to the head of the agency when no leader is named", async () => {
    const r = await read(
      await stopNoticeForm(sampleFormContext(), { reason: "Hồ sơ giả mạo", requestedAt: null }),
    );
    expectInBoth(r, ["THỦ TRƯỞNG CƠ QUAN", "Lý do: Hồ sơ giả mạo."]);
    expect(r.text).not.toContain("có đề nghị dừng giải quyết");
  });
});

describe("form 06 — control sheet", () => {
  it("lists each hand-over in time order with who gave, who received, when, due, done and the result", async () => {
    const r = await read(await controlSheetForm(sampleFormContext(), controlSheet));
    expectInBoth(r, [
      ...COMMON,
      "Mẫu số 06",
      "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
      "Kèm theo hồ sơ của: Nguyễn Văn An",
      `Thời gian nhận hồ sơ: ${RECEIVED}`,
      `Thời gian hẹn trả kết quả: ${DUE}`,
      "Cơ quan (bộ phận) giải quyết hồ sơ: Ủy ban nhân dân phường Sài Gòn",
      "Cơ quan phối hợp giải quyết hồ sơ: Không",
      "THỜI GIAN GIAO, NHẬN HỒ SƠ",
      "(Trước hạn/đúng hạn/quá hạn)",
      "1. Giao: Bộ phận Một cửa phường Sài Gòn",
      "2. Nhận: Công chức Tư pháp - Hộ tịch",
      "09 giờ 30 phút, ngày 25 tháng 11 năm 2026",
      "Người giao: Trần Thị Bình",
      "Người nhận: Phạm Minh Đức",
      "Hạn: 26/11/2026 16:00",
      "Xong: 26/11/2026 15:40",
      "Chờ ý kiến xác minh",
    ]);
    const order = ["Đúng hạn", "Quá hạn", "Đang giải quyết"].map((label) => r.doc.paragraphs.indexOf(label));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(r.doc.paragraphs.indexOf("15 giờ 40 phút, ngày 26 tháng 11 năm 2026")).toBeLessThan(
      r.doc.paragraphs.indexOf("10 giờ 10 phút, ngày 27 tháng 11 năm 2026"),
    );
  });

  it("says so when the log has no hand-over yet", async () => {
    const r = await read(await controlSheetForm(sampleFormContext(), { steps: [] }));
    expectInBoth(r, ["Chưa có lượt giao, nhận hồ sơ nào"]);
  });
});

describe("all per-dossier forms", () => {
  const makers: [
    string,
    (ctx: FormContextWithDue) => Promise<GeneratedForm>,
    (ctx: FormContextWithDue) => FormPage,
  ][] = [
    ["01", (c) => receiptForm(c), (c) => receiptPage(c, {}, Buffer.alloc(0))],
    [
      "02",
      (c) => supplementRequestForm(c, supplement),
      (c) => supplementRequestPage(c, supplement, Buffer.alloc(0)),
    ],
    ["03", (c) => refusalForm(c, refusal), (c) => refusalPage(c, refusal, Buffer.alloc(0))],
    ["04", (c) => apologyForm(c, apology), (c) => apologyPage(c, apology, Buffer.alloc(0))],
    ["05", (c) => stopNoticeForm(c, stop), (c) => stopNoticePage(c, stop, Buffer.alloc(0))],
    ["06", (c) => controlSheetForm(c, controlSheet), (c) => controlSheetPage(c, controlSheet)],
  ];

  it.each(makers)(
    "form %s: the DOCX and the print view carry every line of the layout",
    async (_, make, page) => {
      const ctx = sampleFormContext();
      const r = await read(await make(ctx));
      const lines = pageText(page(ctx)).filter((l) => l.trim());
      expect(lines.length).toBeGreaterThan(10);
      for (const line of lines) {
        expect(r.doc.paragraphs, `DOCX paragraph: ${line}`).toContain(line);
        expect(r.html, `HTML text: ${line}`).toContain(line.replace(/\u00a0/g, " "));
      }
    },
  );

  it.each(makers)("form %s: user data cannot inject markup into the print view", async (_, make) => {
    const evil = '<script>alert("x")</script>';
    const ctx = sampleFormContext({
      agency: { name: `Ủy ban "phường" ${evil}`, parentName: null, code: "000.10.50.H29" },
      dossier: {
        applicant: { name: `Nguyễn ${evil}`, address: "<img src=x onerror=alert(1)>" },
        procedureName: "Đăng ký <b>khai sinh</b> & cấp bản sao",
      },
    });
    const out = await make(ctx);
    expect(out.html).not.toMatch(/<script|<img src=x|<b>khai/i);
    expect(out.html).toContain("Nguyễn &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(out.html).toContain("Đăng ký &lt;b&gt;khai sinh&lt;/b&gt; &amp; cấp bản sao");
    // In Word the same value is plain text: stored escaped in the XML, read back verbatim.
    const r = await read(out);
    expect(r.doc.xml).not.toContain("<script");
    expect(r.text).toContain(`Nguyễn ${evil}`);
    expect(r.html).toContain(`Nguyễn ${evil}`);
  });
});

describe("time zone", () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  it("prints Vietnam time whatever the server's time zone", async () => {
    process.env.TZ = "America/Los_Angeles";
    // 23:30 UTC on the 24th is 06:30 on the 25th in Vietnam, and still the 24th in Los Angeles.
    const ctx = sampleFormContext({ dossier: { receivedAt: new Date("2026-11-24T23:30:00Z") } });
    const r = await read(await receiptForm(ctx));
    expectInBoth(r, ["4. Thời gian nhận hồ sơ: 06 giờ 30 phút, ngày 25 tháng 11 năm 2026"]);
  });
});

describe("formFileName", () => {
  it.each([
    ["01", SAMPLE_CODE, undefined, `mau-01-giay-tiep-nhan-hen-tra-ket-qua-${SAMPLE_CODE}.docx`],
    ["04", SAMPLE_CODE, "html", `mau-04-van-ban-xin-loi-gia-han-${SAMPLE_CODE}.html`],
    ["07", "Một cửa Sài Gòn 2026/11", undefined, "mau-07-so-theo-doi-ho-so-Mot-cua-Sai-Gon-2026-11.xlsx"],
    ["03", '../"evil"\r\n', undefined, "mau-03-phieu-tu-choi-tiep-nhan-ho-so-evil.docx"],
  ] as const)("form %s for %j (%s) is named %s", (no, ref, ext, expected) => {
    expect(formFileName(no, ref, ext)).toBe(expected);
  });
});
