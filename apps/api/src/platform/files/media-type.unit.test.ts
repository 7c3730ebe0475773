import { describe, expect, it } from "vitest";
import { DEFAULT_UPLOAD_MAX_MB, loadConfig } from "../config";
import { AppError } from "../errors";
import { cleanFileName, contentDisposition, sniffMediaType } from "./media-type";

describe("sniffMediaType", () => {
  it.each([
    ["PDF", Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"), "application/pdf"],
    ["PNG", Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), "image/png"],
    ["JPEG", Buffer.from("ffd8ffe000104a46494600", "hex"), "image/jpeg"],
  ])("recognises %s by its magic bytes", async (_, content, type) => {
    expect(await sniffMediaType(content)).toBe(type);
  });

  it.each([
    ["an HTML page", Buffer.from("<html><script>alert(1)</script></html>")],
    ["a Windows executable", Buffer.concat([Buffer.from("MZ"), Buffer.alloc(300)])],
    ["a Linux executable", Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(300)])],
    ["plain text", Buffer.from("Tờ khai đăng ký khai sinh")],
  ])("refuses %s with file_type_not_allowed", async (_, content) => {
    const e = await sniffMediaType(content).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("file_type_not_allowed");
    expect((e as AppError).status).toBe(415);
  });

  it("refuses an empty file saying it is empty", async () => {
    const e = await sniffMediaType(Buffer.alloc(0)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).status).toBe(400);
    expect((e as AppError).userMessage.vi).toContain("Tệp rỗng");
  });
});

describe("cleanFileName", () => {
  it.each([
    ["Giấy khai sinh.pdf", "Giấy khai sinh.pdf"],
    ["C:\\Users\\an\\Tờ khai.pdf", "Tờ khai.pdf"],
    ["../../etc/passwd", "passwd"],
    ['a"b\u0000\r\nc.pdf', "abc.pdf"],
    ["", "tai-lieu"],
    ["..", "tai-lieu"],
    // Decomposed input (as some systems send it) is stored composed.
    ["To\u0302\u0300 khai.pdf", "Tồ khai.pdf"],
  ])("cleans %j to %j", (input, expected) => {
    expect(cleanFileName(input)).toBe(expected);
  });

  it("shortens a very long name but keeps its extension", () => {
    const name = cleanFileName(`${"Quyết định ".repeat(40)}.docx`);
    expect(name.length).toBe(255);
    expect(name.endsWith(".docx")).toBe(true);
  });
});

describe("contentDisposition", () => {
  it("gives an ASCII fallback and the exact UTF-8 name", () => {
    expect(contentDisposition("Quyết định cấp phép (bản ký).pdf")).toBe(
      `attachment; filename="Quyet dinh cap phep (ban ky).pdf"; filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20c%E1%BA%A5p%20ph%C3%A9p%20%28b%E1%BA%A3n%20k%C3%BD%29.pdf`,
    );
    expect(contentDisposition("Đơn đề nghị.pdf")).toContain('filename="Don de nghi.pdf"');
  });
});

describe("upload limit", () => {
  it("is 20 MB unless EISO_UPLOAD_MAX_MB says otherwise", () => {
    expect(DEFAULT_UPLOAD_MAX_MB).toBe(20);
    expect(loadConfig({}).EISO_UPLOAD_MAX_MB).toBe(20);
    expect(loadConfig({ EISO_UPLOAD_MAX_MB: "50" }).EISO_UPLOAD_MAX_MB).toBe(50);
  });
});
