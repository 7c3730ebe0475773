import type { TUnitKind } from "@eiso/contracts";

/** Seed 000, annex 3: the 63 agencies of Ho Chi Minh City that must apply TCVN ISO 9001 (names verbatim). */
export const hcmcAgencies: string[] = [
  "Ủy ban nhân dân quận 1",
  "Ủy ban nhân dân quận 2",
  "Ủy ban nhân dân quận 3",
  "Ủy ban nhân dân quận 4",
  "Ủy ban nhân dân quận 5",
  "Ủy ban nhân dân quận 6",
  "Ủy ban nhân dân quận 7",
  "Ủy ban nhân dân quận 8",
  "Ủy ban nhân dân quận 9",
  "Ủy ban nhân dân quận 10",
  "Ủy ban nhân dân quận 11",
  "Ủy ban nhân dân quận 12",
  "Ủy ban nhân dân quận Gò Vấp",
  "Ủy ban nhân dân quận Phú Nhuận",
  "Ủy ban nhân dân quận Tân Bình",
  "Ủy ban nhân dân quận Tân Phú",
  "Ủy ban nhân dân quận Bình Tân",
  "Ủy ban nhân dân quận Bình Thạnh",
  "Ủy ban nhân dân quận Thủ Đức",
  "Ủy ban nhân dân huyện Bình Chánh",
  "Ủy ban nhân dân huyện Cần Giờ",
  "Ủy ban nhân dân huyện Củ Chi",
  "Ủy ban nhân dân huyện Hóc Môn",
  "Ủy ban nhân dân huyện Nhà Bè",
  "Văn phòng Ủy ban nhân dân thành phố",
  "Sở Nội vụ",
  "Sở Giáo dục và Đào tạo",
  "Sở Văn hóa và Thể thao",
  "Sở Du lịch",
  "Sở Tư pháp",
  "Sở Lao động - Thương binh và Xã hội",
  "Sở Y tế",
  "Sở Kế hoạch và Đầu tư",
  "Sở Xây dựng",
  "Sở Tài nguyên và Môi trường",
  "Sở Tài chính",
  "Sở Nông nghiệp và Phát triển nông thôn",
  "Sở Khoa học và Công nghệ",
  "Sở Quy hoạch - Kiến trúc",
  "Sở Giao thông vận tải",
  "Sở Công Thương",
  "Sở Thông tin và Truyền thông",
  "Thanh tra thành phố",
  "Ban Dân tộc",
  "Ban Quản lý An toàn thực phẩm",
  "Sở Ngoại vụ",
  "Ban Quản lý Khu Nam",
  "Ban Quản lý các Khu Chế xuất và Công nghiệp",
  "Ban Quản lý Khu Công nghệ cao",
  "Ban Quản lý đầu tư - xây dựng Khu đô thị mới Thủ Thiêm",
  "Ban Quản lý Khu Nông nghiệp Công nghệ cao",
  "Chi cục Thủy lợi thuộc Sở Nông nghiệp và Phát triển nông thôn",
  "Chi cục Thủy sản thuộc Sở Nông nghiệp và Phát triển nông thôn",
  "Chi cục Trồng trọt và Bảo vệ Thực vật thuộc Sở Nông nghiệp và Phát triển nông thôn",
  "Chi cục Thú y thuộc Sở Nông nghiệp và Phát triển nông thôn",
  "Chi cục Kiểm lâm thuộc Sở Nông nghiệp và Phát triển nông thôn",
  "Chi cục Phát triển Nông thôn thuộc Sở Nông nghiệp và Phát triển nông thôn",
  "Chi cục Tiêu chuẩn Đo lường Chất lượng thuộc Sở Khoa học và Công nghệ",
  "Chi cục Bảo vệ Môi trường thuộc Sở Tài nguyên và Môi trường",
  "Chi cục Văn thư - Lưu trữ thuộc Sở Nội vụ",
  "Cảnh sát Phòng cháy và Chữa cháy",
  "Công an thành phố",
  "Cục Thống kê",
];

/** Kind of an annex-3 agency, read from its name. */
export function hcmcKind(name: string): TUnitKind {
  if (name.startsWith("Ủy ban nhân dân")) return "district";
  if (
    name.startsWith("Sở") ||
    name.startsWith("Ban") ||
    name.startsWith("Văn phòng") ||
    name.startsWith("Thanh tra")
  ) {
    return "department";
  }
  return "agency";
}

/** A "Chi cục … thuộc Sở X" sits under Sở X in the tree. */
export function hcmcParentName(name: string): string | null {
  const m = /thuộc (Sở .+)$/.exec(name);
  return m ? m[1]! : null;
}

/** District 10's wards before the 2025 reform. */
export const district10Wards = [
  "1",
  "2",
  "4",
  "5",
  "6",
  "7",
  "8",
  "9",
  "10",
  "11",
  "12",
  "13",
  "14",
  "15",
].map((n) => `Ủy ban nhân dân Phường ${n}, Quận 10`);

export const district10Divisions = [
  "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân quận 10",
  "Phòng Tư pháp quận 10",
  "Phòng Quản lý đô thị quận 10",
  "Phòng Tài nguyên và Môi trường quận 10",
  "Phòng Kinh tế quận 10",
  "Phòng Văn hóa và Thông tin quận 10",
];
