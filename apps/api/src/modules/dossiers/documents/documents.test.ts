import { createHash } from "node:crypto";
import { Document, Packer, Paragraph } from "docx";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../../platform/db/client";
import { district10, publishedProcedure } from "../../../testing/dossier-fixtures";
import { type ApiClient, startTestServer, type TestServer } from "../../../testing/harness";

const MAX_BYTES = 1024 * 1024;

let server: TestServer;
let clerk: ApiClient;
let leader: ApiClient;
let officer: ApiClient;
let procedureId: string;
const ids: Record<string, string> = {};

/** A small but well-formed PDF, padded to `size` bytes with a comment block. */
function pdf(size = 2000): Buffer {
  const head = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n";
  const tail = "trailer\n<< /Root 1 0 R >>\n%%EOF\n";
  const pad = Math.max(0, size - head.length - tail.length);
  return Buffer.concat([Buffer.from(head), Buffer.alloc(pad, "%"), Buffer.from(tail)]);
}

function png(): Buffer {
  const image = new PNG({ width: 4, height: 4 });
  image.data.fill(200);
  return PNG.sync.write(image);
}

async function docx(text: string): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(text)] }] }));
}

type Query = { kind: string; label: string; stepId?: string; replaces?: string };

function upload(client: ApiClient, dossierId: string, q: Query, content: Buffer, fileName: string) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(content)]), fileName);
  const query = new URLSearchParams(
    Object.entries(q).filter(([, v]) => v !== undefined) as [string, string][],
  );
  return client.request("POST", `/api/dossiers/${dossierId}/documents?${query}`, undefined, { raw: form });
}

async function download(client: ApiClient, dossierId: string, docId: string) {
  const res = await fetch(`${server.baseUrl}/api/dossiers/${dossierId}/documents/${docId}/content`, {
    headers: client.cookie ? { cookie: client.cookie } : {},
  });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

async function count(table: "stored_files" | "dossier_documents" | "audit_log"): Promise<number> {
  const [r] = rowsOf<{ n: number }>(
    await server.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`)),
  );
  return r!.n;
}

async function receive() {
  const res = await clerk.post("/api/dossiers", {
    procedureId,
    deskUnitId: ids.desk,
    applicant: { name: "Trần Thị Bình", idNumber: "079090004321" },
    documents: [{ name: "Tờ khai", originals: 1, copies: 0 }],
    resultDelivery: "online",
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const activeStep = async (dossierId: string) =>
  (await clerk.get(`/api/dossiers/${dossierId}`)).body.steps.find(
    (s: { status: string }) => s.status === "active",
  ) as { id: string; name: string; version: number };

/** Completes the active step as `client` and returns the response. */
async function completeActive(client: ApiClient, dossierId: string, body: Record<string, unknown> = {}) {
  const step = await activeStep(dossierId);
  return client.post(`/api/dossiers/${dossierId}/steps/${step.id}/complete`, {
    version: step.version,
    ...body,
  });
}

beforeAll(async () => {
  server = await startTestServer({ maxUploadBytes: MAX_BYTES });
  const u = server.demo.hcmc.units;
  const d10 = await district10(server);
  Object.assign(ids, d10.ids);
  ({ clerk, leader, officer } = d10);
  const p = await publishedProcedure(server.database, server.demo.hcmc.tenantId, {
    code: "9.900031",
    name: "Cấp bản sao trích lục hộ tịch",
    agencyUnitId: d10.ids.q10,
    ownerUnitId: d10.ids.q10,
    legal: { amount: 3, unit: "days" },
    bindings: { field_division: d10.ids.justice },
    parts: [
      {
        id: "receive",
        name: "Tiếp nhận hồ sơ",
        stepKind: "receive",
        unit: "@reception_desk",
        role: "reception_clerk",
        hours: 1,
      },
      {
        id: "process",
        name: "Thẩm định, dự thảo kết quả",
        stepKind: "process",
        unit: "@field_division",
        role: "officer",
        hours: 8,
        requiredDocuments: ["Dự thảo kết quả"],
      },
      {
        id: "approve",
        name: "Lãnh đạo phê duyệt",
        stepKind: "approve",
        unit: "@agency",
        role: "leader",
        hours: 4,
      },
    ],
  });
  procedureId = p.procedureId;
  // A reception clerk of District 1: every dossier permission, in another agency.
  const admin = await server.login("admin");
  const created = await admin.post("/api/users", {
    username: "q1.motcua",
    fullName: "Cán bộ một cửa quận 1",
    unitId: u.get("Ủy ban nhân dân quận 1"),
    password: "eiso-demo-2026",
    roles: ["reception_clerk"],
  });
  expect(created.status).toBe(201);
});
afterAll(() => server?.close());

describe("documents attached to a dossier", () => {
  it("stores an upload and gives back the same bytes, with its Vietnamese name, uploader and audit entry", async () => {
    const dossierId = await receive();
    const content = pdf(600_000);
    const name = "Tờ khai đăng ký hộ tịch (bản quét).pdf";
    const auditBefore = await count("audit_log");
    const res = await upload(clerk, dossierId, { kind: "submitted", label: "Tờ khai" }, content, name);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: "submitted", label: "Tờ khai" });

    const list = (await clerk.get(`/api/dossiers/${dossierId}/documents`)).body;
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      id: res.body.id,
      kind: "submitted",
      label: "Tờ khai",
      fileName: name,
      mediaType: "application/pdf",
      size: content.length,
      sha256: createHash("sha256").update(content).digest("hex"),
      uploadedByName: "Võ Thị Một",
      stepId: null,
      supersededAt: null,
    });
    expect(list.upload).toMatchObject({ kinds: ["submitted", "result"], maxBytes: MAX_BYTES });

    const got = await download(clerk, dossierId, res.body.id);
    expect(got.status).toBe(200);
    expect(got.body.equals(content)).toBe(true);
    expect(got.headers.get("content-type")).toBe("application/pdf");
    const disposition = got.headers.get("content-disposition")!;
    expect(disposition).toContain(
      `filename*=UTF-8''${encodeURIComponent(name).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    expect(disposition).toContain('filename="To khai dang ky ho tich (ban quet).pdf"');
    // The officer handling the dossier reads it too.
    expect((await download(officer, dossierId, res.body.id)).body.equals(content)).toBe(true);

    expect(await count("audit_log")).toBe(auditBefore + 1);
    const [entry] = rowsOf<{ action: string; entity_id: string; after: Record<string, unknown> }>(
      await server.database.db.execute(
        sql`select action, entity_id, after from audit_log where entity_id = ${dossierId} and action like 'dossier.document.%'`,
      ),
    );
    expect(entry).toMatchObject({
      action: "dossier.document.attach",
      entity_id: dossierId,
      after: {
        documentId: res.body.id,
        kind: "submitted",
        label: "Tờ khai",
        fileName: name,
        size: content.length,
      },
    });
    const detail = (await clerk.get(`/api/dossiers/${dossierId}`)).body;
    expect(detail.events.map((e: { kind: string }) => e.kind)).toContain("document.attached");
  });

  it("recognises DOCX, XLSX, PNG and JPEG by their content", async () => {
    const dossierId = await receive();
    const book = new ExcelJS.Workbook();
    book.addWorksheet("Bảng kê").addRow(["Họ tên", "Số CCCD"]);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
      Buffer.from("JFIF\0"),
      Buffer.alloc(200),
    ]);
    const uploads: [string, Buffer, string][] = [
      ["Kết quả", await docx("Trích lục"), "kq.docx"],
      ["Bảng kê", xlsx, "bang-ke.xlsx"],
      ["Ảnh CCCD", png(), "cccd.png"],
      ["Ảnh chân dung", jpeg, "anh.jpg"],
    ];
    for (const [label, content, name] of uploads) {
      const res = await upload(clerk, dossierId, { kind: "submitted", label }, content, name);
      expect(res.status, name).toBe(201);
    }
    const items = (await clerk.get(`/api/dossiers/${dossierId}/documents`)).body.items;
    expect(items.map((i: { mediaType: string }) => i.mediaType)).toEqual([
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "image/png",
      "image/jpeg",
    ]);
    const image = await download(clerk, dossierId, items[2].id);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.body.equals(uploads[2]![1])).toBe(true);
  });

  it("refuses a file named .pdf whose content is HTML or an executable, and writes nothing", async () => {
    const dossierId = await receive();
    const before = {
      files: await count("stored_files"),
      docs: await count("dossier_documents"),
      audit: await count("audit_log"),
    };
    const html = Buffer.from("<!DOCTYPE html><html><body><script>alert('x')</script></body></html>");
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(510, 0x90)]);
    for (const content of [html, exe]) {
      const res = await upload(
        clerk,
        dossierId,
        { kind: "submitted", label: "Tờ khai" },
        content,
        "to-khai.pdf",
      );
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe("file_type_not_allowed");
      expect(res.body.error.message).toMatch(/PDF, DOCX, XLSX, PNG/);
    }
    // An empty file is told as such (it was "not a PDF…").
    const empty = await upload(
      clerk,
      dossierId,
      { kind: "submitted", label: "Tờ khai" },
      Buffer.alloc(0),
      "to-khai.pdf",
    );
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain("Tệp rỗng");
    expect({
      files: await count("stored_files"),
      docs: await count("dossier_documents"),
      audit: await count("audit_log"),
    }).toEqual(before);
  });

  it("refuses a file above the configured size and writes nothing", async () => {
    const dossierId = await receive();
    const files = await count("stored_files");
    const res = await upload(
      clerk,
      dossierId,
      { kind: "submitted", label: "Tờ khai" },
      pdf(MAX_BYTES + 50_000),
      "lon.pdf",
    );
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("file_too_large");
    expect(res.body.error.message).toContain("1 MB");
    expect(await count("stored_files")).toBe(files);
  });

  it("does not let a step that requires «Dự thảo kết quả» complete before it is attached, and lets it after", async () => {
    const dossierId = await receive();
    const step = await activeStep(dossierId);
    expect(step.name).toBe("Thẩm định, dự thảo kết quả");

    let list = (await officer.get(`/api/dossiers/${dossierId}/documents`)).body;
    expect(list.requirements).toEqual([
      { stepId: step.id, stepName: step.name, documents: [{ label: "Dự thảo kết quả", attached: false }] },
    ]);
    expect(list.upload.kinds).toEqual(["working", "result"]);
    expect(list.upload.steps).toEqual([{ id: step.id, name: step.name }]);

    const refused = await completeActive(officer, dossierId);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("documents_required");
    expect(refused.body.error.message).toContain("«Dự thảo kết quả»");
    expect(refused.body.error.details).toEqual({ stepId: step.id, missing: ["Dự thảo kết quả"] });

    // Another document, or the applicant's scan with that label, does not stand in for it.
    expect(
      (
        await upload(
          officer,
          dossierId,
          { kind: "working", label: "Phiếu thẩm định", stepId: step.id },
          pdf(),
          "ptd.pdf",
        )
      ).status,
    ).toBe(201);
    expect(
      (await upload(clerk, dossierId, { kind: "submitted", label: "Dự thảo kết quả" }, pdf(), "x.pdf"))
        .status,
    ).toBe(201);
    expect((await completeActive(officer, dossierId)).body.error.code).toBe("documents_required");

    // Only the officer holding the step attaches working papers to it; the desk cannot.
    expect(
      (
        await upload(
          clerk,
          dossierId,
          { kind: "working", label: "Dự thảo kết quả", stepId: step.id },
          pdf(),
          "d.pdf",
        )
      ).status,
    ).toBe(403);

    const draft = await upload(
      officer,
      dossierId,
      { kind: "working", label: "dự thảo  kết quả", stepId: step.id },
      await docx("Dự thảo trích lục"),
      "Dự thảo trích lục.docx",
    );
    expect(draft.status).toBe(201);
    list = (await officer.get(`/api/dossiers/${dossierId}/documents`)).body;
    expect(list.requirements[0].documents).toEqual([{ label: "Dự thảo kết quả", attached: true }]);

    const done = await completeActive(officer, dossierId);
    expect(done.status).toBe(200);
    expect((await activeStep(dossierId)).name).toBe("Lãnh đạo phê duyệt");

    // Sent back for rework, the step's earlier draft still counts: no second upload is forced.
    const back = await completeActive(leader, dossierId, {
      outcome: "send_back",
      comment: "Sửa lại ngày sinh",
    });
    expect(back.status).toBe(200);
    expect((await activeStep(dossierId)).name).toBe("Thẩm định, dự thảo kết quả");
    expect((await completeActive(officer, dossierId)).status).toBe(200);
  });

  it("keeps every version: a replacement supersedes the draft instead of deleting it", async () => {
    const dossierId = await receive();
    const step = await activeStep(dossierId);
    const first = await upload(
      officer,
      dossierId,
      { kind: "result", label: "Dự thảo kết quả", stepId: step.id },
      pdf(),
      "v1.pdf",
    );
    const second = await upload(
      officer,
      dossierId,
      { kind: "result", label: "Dự thảo kết quả", stepId: step.id, replaces: first.body.id },
      pdf(3000),
      "v2.pdf",
    );
    expect(second.status).toBe(201);
    const items = (await officer.get(`/api/dossiers/${dossierId}/documents`)).body.items;
    expect(
      items.map((i: { fileName: string; supersededById: string | null }) => [i.fileName, i.supersededById]),
    ).toEqual([
      ["v1.pdf", second.body.id],
      ["v2.pdf", null],
    ]);
    expect((await download(officer, dossierId, first.body.id)).status).toBe(200);
    const again = await upload(
      officer,
      dossierId,
      { kind: "result", label: "Dự thảo kết quả", stepId: step.id, replaces: first.body.id },
      pdf(),
      "v3.pdf",
    );
    expect(again.status).toBe(422);
  });

  it("links the result document to an online return and releases it; a returned or archived dossier takes no uploads", async () => {
    const dossierId = await receive();
    const step = await activeStep(dossierId);
    const result = await upload(
      officer,
      dossierId,
      { kind: "result", label: "Dự thảo kết quả", stepId: step.id },
      pdf(),
      "Trích lục bản sao.pdf",
    );
    expect(result.status).toBe(201);
    expect((await completeActive(officer, dossierId)).status).toBe(200);
    expect((await completeActive(leader, dossierId, { outcome: "approve" })).status).toBe(200);
    const signed = await upload(
      clerk,
      dossierId,
      { kind: "result", label: "Kết quả đã ký" },
      pdf(4000),
      "Kết quả.pdf",
    );
    expect(signed.status).toBe(201);

    const returned = await clerk.post(`/api/dossiers/${dossierId}/return`, { delivery: "online" });
    expect(returned.status).toBe(200);
    const event = returned.body.events.find((e: { kind: string }) => e.kind === "returned");
    expect(event.data.delivery).toBe("online");
    expect(event.data.resultDocuments.map((r: { id: string; label: string }) => [r.id, r.label])).toEqual([
      [result.body.id, "Dự thảo kết quả"],
      [signed.body.id, "Kết quả đã ký"],
    ]);
    const items = (await clerk.get(`/api/dossiers/${dossierId}/documents`)).body;
    expect(items.items.every((i: { releasedAt: string | null }) => i.releasedAt !== null)).toBe(true);
    expect(items.upload.kinds).toEqual([]);

    const afterReturn = await upload(clerk, dossierId, { kind: "result", label: "Bản sao" }, pdf(), "b.pdf");
    expect(afterReturn.status).toBe(422);
    expect(afterReturn.body.error.message).toContain("Đã trả kết quả");

    expect((await clerk.post(`/api/dossiers/${dossierId}/archive`, {})).status).toBe(200);
    const files = await count("stored_files");
    const archived = await upload(clerk, dossierId, { kind: "submitted", label: "Tờ khai" }, pdf(), "t.pdf");
    expect(archived.status).toBe(422);
    expect(archived.body.error.code).toBe("invalid_operation");
    expect(archived.body.error.message).toContain("Đã lưu trữ");
    expect(await count("stored_files")).toBe(files);
    // Archived documents stay readable.
    expect((await download(clerk, dossierId, signed.body.id)).status).toBe(200);
  });

  it("refuses officers of another agency or province on list, upload and download", async () => {
    const dossierId = await receive();
    const doc = await upload(clerk, dossierId, { kind: "submitted", label: "Tờ khai" }, pdf(), "t.pdf");
    expect(doc.status).toBe(201);
    const outsiders = [
      await server.loginFirstTime("q1.motcua", "eiso-demo-2026"),
      await server.login("q1.admin"),
      await server.login("hue.admin"),
    ];
    const files = await count("stored_files");
    for (const c of outsiders) {
      const list = await c.get(`/api/dossiers/${dossierId}/documents`);
      expect([403, 404]).toContain(list.status);
      const up = await upload(c, dossierId, { kind: "submitted", label: "Tờ khai" }, pdf(), "x.pdf");
      expect([403, 404]).toContain(up.status);
      const got = await download(c, dossierId, doc.body.id);
      expect([403, 404]).toContain(got.status);
      expect(got.body.equals(pdf())).toBe(false);
    }
    expect(await count("stored_files")).toBe(files);
    // A document id of one dossier cannot be read through another dossier.
    const other = await receive();
    expect((await download(clerk, other, doc.body.id)).status).toBe(404);
  });
});
