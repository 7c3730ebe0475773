/** Thành phố Huế in the two-tier model (since 1 July 2025): departments and wards directly under the city. */
export const hueDepartments = [
  "Văn phòng Ủy ban nhân dân thành phố Huế",
  "Sở Nội vụ",
  "Sở Tư pháp",
  "Sở Tài chính",
  "Sở Xây dựng",
  "Sở Nông nghiệp và Môi trường",
  "Sở Khoa học và Công nghệ",
  "Sở Y tế",
  "Sở Giáo dục và Đào tạo",
  "Sở Văn hóa và Thể thao",
  "Sở Du lịch",
  "Sở Công Thương",
  "Thanh tra thành phố",
];

export const hueWards = [
  "Phường Thuận Hóa",
  "Phường Phú Xuân",
  "Phường Kim Long",
  "Phường Vỹ Dạ",
  "Phường Thủy Xuân",
  "Phường An Cựu",
  "Phường Hương An",
  "Phường Thuận An",
];
