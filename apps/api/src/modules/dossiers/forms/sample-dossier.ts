// A realistic dossier for the forms' tests and previews: a birth registration at a ward of Ho Chi
// Minh City, received on 25 November 2026 at 09:15 and due two days later.

import type { FormContextWithDue, FormDossier } from "./types";

export const SAMPLE_CODE = "000.10.50.H29-261125-0001";
export const SAMPLE_TRACKING_URL = `https://dichvucong.hochiminhcity.gov.vn/tra-cuu-ho-so?ma=${SAMPLE_CODE}`;

/** The sample context; pass overrides for what a test is about (dossier fields merge one level deep). */
export function sampleFormContext(
  overrides: Partial<Omit<FormContextWithDue, "dossier">> & { dossier?: Partial<FormDossier> } = {},
): FormContextWithDue {
  const { dossier, ...rest } = overrides;
  return {
    agency: {
      name: "Ủy ban nhân dân phường Sài Gòn",
      parentName: "Ủy ban nhân dân Thành phố Hồ Chí Minh",
      code: "000.10.50.H29",
      address: "45 Lê Duẩn, phường Sài Gòn, Thành phố Hồ Chí Minh",
      phone: "028 3829 0000",
    },
    desk: { name: "Bộ phận Một cửa phường Sài Gòn", phone: "028 3829 1111" },
    officer: { name: "Trần Thị Bình", position: "Công chức Tư pháp - Hộ tịch", phone: "0903 111 222" },
    issuedAt: new Date("2026-11-25T09:20:00+07:00"),
    place: "Thành phố Hồ Chí Minh",
    ...rest,
    dossier: {
      code: SAMPLE_CODE,
      procedureCode: "1.001193",
      procedureName: "Đăng ký khai sinh",
      fieldName: "Hộ tịch",
      receivedAt: new Date("2026-11-25T09:15:00+07:00"),
      dueAt: new Date("2026-11-27T09:15:00+07:00"),
      processingTime: "02 ngày làm việc",
      method: "counter",
      applicant: {
        name: "Nguyễn Văn An",
        idNumber: "079090001234",
        address: "12 Lê Lợi, phường Sài Gòn, Thành phố Hồ Chí Minh",
        phone: "0903 123 456",
        email: "nguyenvanan@example.vn",
      },
      documents: [
        { name: "Tờ khai đăng ký khai sinh", originals: 1, copies: 0 },
        { name: "Giấy chứng sinh", originals: 1, copies: 0 },
        {
          name: "Giấy chứng nhận kết hôn của cha, mẹ",
          originals: 0,
          copies: 1,
          note: "Xuất trình bản chính",
        },
      ],
      trackingUrl: SAMPLE_TRACKING_URL,
      resultDelivery: "Tại Bộ phận Một cửa phường Sài Gòn",
      fee: "Miễn lệ phí",
      ...dossier,
    } as FormDossier & { dueAt: Date },
  };
}
