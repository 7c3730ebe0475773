import type { WorkingCalendar } from "@eiso/calendar";
import {
  SEND_BACK_STEP_KINDS,
  type TApplicant,
  type TProcedure,
  type TReceiveDossier,
} from "@eiso/contracts";
import { and, eq, inArray } from "drizzle-orm";
import { tenantCalendar } from "../modules/calendar/service";
import { catalogueForDossiers } from "../modules/catalogue/runtime";
import { procedures } from "../modules/catalogue/tables";
import { atAgency } from "../modules/dossiers/allowed-actions";
import { completeStep } from "../modules/dossiers/complete-step";
import {
  apologise,
  archiveDossier,
  closeDossier,
  hasForm,
  receiveSupplement,
  requestSupplement,
} from "../modules/dossiers/handling";
import { receiveOnline, submitOnline } from "../modules/dossiers/online-submissions";
import { receiveDossier } from "../modules/dossiers/receive-dossier";
import { claimStep, type EngineContext, holdsRoleAt } from "../modules/dossiers/steps";
import { type DossierRow, loadDossier, loadStep } from "../modules/dossiers/store";
import { dossierSteps } from "../modules/dossiers/tables";
import { loadEffectiveGrants } from "../modules/org/access";
import { users } from "../modules/org/tables";
import type { Actor } from "../platform/actor";
import { vnToday } from "../platform/dates";
import type { Db, Queryable, Tx } from "../platform/db/client";
import { FAMILY, GIVEN_F, GIVEN_M, MIDDLE_F, MIDDLE_M } from "./names";

/**
 * Demo dossiers: a quarter of District 10's one-stop-shop work, so that a province trying eISO
 * (`npm start`) finds inboxes, overdue steps, statistics, the dashboard's chart and the tracking
 * book filled. Every dossier is received and moved by the engine's own functions (the ones the
 * routes call), as the demo people, on a clock set to the moment each action happens: the codes,
 * deadlines in working time, steps, events, forms, audit entries and late-return events are the
 * engine's. Fates are drawn from a seeded generator: the same seed and the same `now` give the
 * same dossiers.
 */

const HOUR = 3600_000;
const MINUTE = 60_000;

/** What happens to a dossier (shares in `FATES`). */
type Fate =
  | "on_time"
  | "sent_back"
  | "supplement"
  | "extended"
  | "late"
  | "refused"
  | "incomplete"
  | "stopped"
  | "withdrawn";

const FATES: [Fate, number][] = [
  ["on_time", 58],
  ["sent_back", 8],
  ["supplement", 8],
  ["extended", 4],
  ["late", 10],
  ["refused", 3],
  ["incomplete", 5],
  ["stopped", 2],
  ["withdrawn", 2],
];

/** Procedures received, by code, with their weight and the dossier data they need. */
const MIX: {
  code: string;
  weight: number;
  data?: (r: Random) => Record<string, string | number | boolean>;
}[] = [
  { code: "1.001193", weight: 8 },
  { code: "1.000656", weight: 2 },
  { code: "1.000894", weight: 4, data: (r) => ({ needsVerification: r.chance(0.25) }) },
  { code: "1.004873", weight: 5, data: (r) => ({ purpose: r.pick(["Kết hôn", "Mua bán nhà đất", "Khác"]) }) },
  { code: "2.000815", weight: 10, data: (r) => ({ pages: r.int(1, 30) }) },
  { code: "2.000884", weight: 4 },
  { code: "1.004194", weight: 3 },
  {
    code: "1.009994",
    weight: 10,
    data: (r) => ({ landArea: r.int(40, 160), floors: r.int(1, 7), needsSiteInspection: r.chance(0.3) }),
  },
  { code: "1.009995", weight: 5 },
  { code: "2.000720", weight: 6, data: (r) => ({ capital: r.int(2, 40) * 10_000_000 }) },
  { code: "2.000575", weight: 3 },
  { code: "1.001695", weight: 2 },
  { code: "2.000908", weight: 2 },
];

const PEOPLE = [
  "q10.motcua",
  "q10.lanhdao",
  "q10.truongphong",
  "q10.chuyenvien",
  "q10.qldt",
  "q10.qldt.cv",
  "q10.kinhte",
  "q10.kinhte.cv",
  "p12.chutich",
  "p12.tuphap",
];

/** A small seeded generator (mulberry32): the demo is the same every time for the same seed. */
export class Random {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let x = this.next() * items.reduce((s, [, w]) => s + w, 0);
    for (const [item, w] of items) {
      x -= w;
      if (x < 0) return item;
    }
    return items[items.length - 1]![0];
  }
}

const STREETS = [
  "Ba Tháng Hai",
  "Sư Vạn Hạnh",
  "Lý Thường Kiệt",
  "Thành Thái",
  "Tô Hiến Thành",
  "Nguyễn Tri Phương",
  "Lý Thái Tổ",
  "Cao Thắng",
  "Hòa Hảo",
  "Ngô Gia Tự",
  "Vĩnh Viễn",
  "Nguyễn Chí Thanh",
];
const WARDS = ["1", "2", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15"];
const SHOPS = ["Tạp hóa", "Cà phê", "Tiệm may", "Quán cơm", "Tiệm tóc", "Sửa xe", "Văn phòng phẩm"];

function applicant(r: Random, procedureCode: string): TApplicant {
  const female = r.chance(0.5);
  const given = r.pick(female ? GIVEN_F : GIVEN_M);
  const name = `${r.pick(FAMILY)} ${r.pick(female ? MIDDLE_F : MIDDLE_M)} ${given}`;
  const born = r.int(1955, 2004);
  // CCCD: province (079, Hồ Chí Minh), century and sex, year of birth, six digits.
  const centurySex = (born >= 2000 ? 2 : 0) + (female ? 1 : 0);
  const idNumber = `079${centurySex}${String(born % 100).padStart(2, "0")}${String(r.int(0, 999_999)).padStart(6, "0")}`;
  const ward = procedureCode.startsWith("1.0099") || r.chance(0.6) ? r.pick(WARDS) : "12";
  const business = procedureCode.startsWith("2.0007") || procedureCode === "2.000575";
  return {
    name,
    idNumber,
    organization: business ? `Hộ kinh doanh ${r.pick(SHOPS)} ${given}` : null,
    address: `${r.int(1, 480)} đường ${r.pick(STREETS)}, Phường ${ward}, Quận 10, Thành phố Hồ Chí Minh`,
    phone: `09${String(r.int(0, 99_999_999)).padStart(8, "0")}`,
    email: null,
  };
}

const REFUSALS = [
  "Thủ tục không thuộc thẩm quyền giải quyết của cơ quan tiếp nhận theo địa chỉ đăng ký",
  "Giấy tờ xuất trình có dấu hiệu tẩy xóa, sửa chữa nội dung",
  "Yêu cầu chứng thực bản sao từ bản chính không đúng quy định (bản chính đã hết hiệu lực)",
];
const INCOMPLETE = [
  "Thiếu bản sao Giấy tờ chứng minh nơi cư trú",
  "Tờ khai chưa có chữ ký của người yêu cầu",
  "Bản vẽ thiết kế chưa đủ số bộ theo quy định",
];
const SUPPLEMENTS = [
  {
    requirement: "Bản sao có chứng thực Giấy tờ chứng minh quyền sử dụng đất",
    reason: "Bản đã nộp là bản chụp không chứng thực",
  },
  {
    requirement: "Văn bản xác nhận của tổ dân phố",
    reason: "Thông tin nơi cư trú trên tờ khai chưa khớp với Cơ sở dữ liệu quốc gia về dân cư",
  },
  {
    requirement: "Bản vẽ mặt bằng công trình có kích thước",
    reason: "Bản vẽ đã nộp thiếu kích thước khoảng lùi",
  },
];
const SEND_BACKS = [
  "Đề nghị kiểm tra lại số liệu trên tờ trình trước khi trình ký",
  "Bổ sung ý kiến thẩm định về điều kiện theo quy định",
  "Dự thảo kết quả ghi sai thông tin người yêu cầu, đề nghị sửa lại",
];
const EXTENSIONS = [
  "Hồ sơ cần lấy ý kiến của cơ quan liên quan về hiện trạng sử dụng đất",
  "Hồ sơ phải xác minh thêm thông tin tại nơi cư trú trước đây của người yêu cầu",
];
const LATE_APOLOGIES = [
  "Cán bộ thụ lý nghỉ ốm đột xuất, việc bàn giao hồ sơ chậm",
  "Hệ thống Cơ sở dữ liệu hộ tịch điện tử gián đoạn nhiều ngày, chưa tra cứu được thông tin",
];

/** An officer of the demo, as the routes see them after signing in. */
interface Person {
  username: string;
  actor: Actor;
}

async function demoPeople(db: Db, tenantId: string, today: string): Promise<Person[]> {
  const rows = await db
    .select({ id: users.id, username: users.username, fullName: users.fullName })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.username, PEOPLE)));
  const people: Person[] = [];
  for (const username of PEOPLE) {
    const row = rows.find((r) => r.username === username);
    if (!row) throw new Error(`demo account missing: ${username}`);
    people.push({
      username,
      actor: {
        tenantId,
        userId: row.id,
        name: row.fullName,
        kind: "officer",
        grants: await loadEffectiveGrants(db, tenantId, row.id, today),
        sessionId: "demo",
        csrfToken: "demo",
        activeUnitId: null,
        requestId: "demo-dossiers",
      },
    });
  }
  return people;
}

/** The demo's citizen account (`congdan`), as the portal's routes see it. */
async function demoCitizen(db: Db, tenantId: string): Promise<Person> {
  const [row] = await db
    .select({ id: users.id, fullName: users.fullName })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.username, "congdan")));
  if (!row) throw new Error("demo account missing: congdan");
  return {
    username: "congdan",
    actor: {
      tenantId,
      userId: row.id,
      name: row.fullName,
      kind: "citizen",
      grants: [],
      sessionId: "demo",
      csrfToken: "demo",
      activeUnitId: null,
      requestId: "demo-dossiers",
    },
  };
}

/** The most specific holder of `role` over the unit at `unitPath` (the ward's chairman before the district's leader). */
function holderOf(people: Person[], role: string | null, unitPath: string | null): Person {
  const depth = (p: Person) =>
    Math.max(...p.actor.grants.filter((g) => g.role === role).map((g) => g.unitPath.length));
  const found = people
    .filter((p) => holdsRoleAt(p.actor, role, unitPath))
    .sort((a, b) => depth(b) - depth(a));
  if (!found[0]) throw new Error(`no demo officer holds ${role} over ${unitPath}`);
  return found[0];
}

/** Who acts for the dossier's agency (supplements, extensions, stops): the most specific holder there. */
function agencyPerson(people: Person[], d: DossierRow): Person {
  const found = people
    .filter((p) => atAgency(p.actor, d))
    .sort(
      (a, b) =>
        Math.max(...b.actor.grants.map((g) => g.unitPath.length)) -
        Math.max(...a.actor.grants.map((g) => g.unitPath.length)),
    );
  if (!found[0]) throw new Error(`no demo officer acts for agency ${d.agencyPath}`);
  return found[0];
}

/** Receipt instants over the last `weeks`: office hours of working days, busier on Mondays. */
function receiptTimes(
  r: Random,
  calendar: WorkingCalendar,
  now: Date,
  weeks: number,
  perDay: number,
): Date[] {
  const times: Date[] = [];
  const today = vnToday(now);
  for (let back = weeks * 7; back >= 0; back--) {
    const day = vnToday(new Date(now.getTime() - back * 24 * HOUR));
    if (!calendar.isWorkingDay(day)) continue;
    const monday = new Date(`${day}T00:00:00+07:00`).getUTCDay() === 1;
    const n = Math.max(0, Math.round(perDay * (monday ? 1.4 : 1) + r.int(-2, 2)));
    for (let i = 0; i < n; i++) {
      // 07:30–11:30 or 13:00–16:45, Vietnam time.
      const minute = r.chance(0.6) ? r.int(7 * 60 + 30, 11 * 60 + 30) : r.int(13 * 60, 16 * 60 + 45);
      const at = new Date(`${day}T00:00:00+07:00`);
      at.setTime(at.getTime() + minute * MINUTE + r.int(0, 59) * 1000);
      if (day === today && at.getTime() >= now.getTime() - 30 * MINUTE) continue;
      times.push(at);
    }
  }
  return times.sort((a, b) => a.getTime() - b.getTime());
}

export interface DemoDossierOptions {
  now?: Date;
  /** Weeks of history (7). */
  weeks?: number;
  /** Dossiers received on an ordinary working day, on average (5). */
  perDay?: number;
  seed?: number;
}

export interface DemoDossierSummary {
  /** Dossiers received (each once: accepted, refused or asked to complete). */
  received: number;
  fates: Record<Fate, number>;
}

/**
 * Receives and moves the demo dossiers of District 10 (its desk, its divisions, Ward 12) in the
 * HCMC demo tenant, oldest first, each action in its own transaction as a request would.
 */
export async function loadDemoDossiers(
  db: Db,
  hcmc: { tenantId: string; units: Map<string, string> },
  options: DemoDossierOptions = {},
): Promise<DemoDossierSummary> {
  const now = options.now ?? new Date();
  const r = new Random(options.seed ?? 20_250_701);
  const tenantId = hcmc.tenantId;
  const unit = (name: string) => {
    const id = hcmc.units.get(name);
    if (!id) throw new Error(`demo unit missing: ${name}`);
    return id;
  };
  const desk = unit("Bộ phận Tiếp nhận và Trả kết quả quận 10");
  const ward12 = unit("Ủy ban nhân dân Phường 12, Quận 10");
  const people = await demoPeople(db, tenantId, vnToday(now));
  const clerk = people.find((p) => p.username === "q10.motcua")!;
  const citizen = await demoCitizen(db, tenantId);
  /** The citizen's submissions of the last days go through the portal and the desk's online queue. */
  let viaPortal = 0;
  const citizenApplicant = (code: string): TApplicant => ({
    ...applicant(r, code),
    name: citizen.actor.name,
    idNumber: "079190001357",
    email: "congdan@demo.eiso.vn",
  });
  const calendar = await tenantCalendar(db, tenantId);
  const catalogue = await db
    .select({ id: procedures.id, code: procedures.code })
    .from(procedures)
    .where(
      and(
        eq(procedures.tenantId, tenantId),
        inArray(
          procedures.code,
          MIX.map((m) => m.code),
        ),
      ),
    );
  const procedureOf = new Map<string, TProcedure>();
  for (const p of catalogue)
    procedureOf.set(p.code, await catalogueForDossiers.procedure(db, tenantId, p.id));

  /** One action at `at`, in its own transaction, on the dossier as it is then. */
  const act = <T>(at: Date, fn: (tx: Tx, ctx: EngineContext) => Promise<T>) =>
    db.transaction(async (tx) => fn(tx, { port: catalogueForDossiers, calendar, now: at }));
  const load = (tx: Tx, id: string) => loadDossier(tx, tenantId, id, true);
  const activeSteps = (q: Queryable, id: string) =>
    q
      .select()
      .from(dossierSteps)
      .where(
        and(
          eq(dossierSteps.tenantId, tenantId),
          eq(dossierSteps.dossierId, id),
          eq(dossierSteps.status, "active"),
        ),
      )
      .orderBy(dossierSteps.startedAt);
  /** A working-time span after `from`: `share` of `ms`, at least a few minutes. */
  const after = (from: Date, ms: number, share: number) =>
    calendar.addWorkingTime(from, { hours: Math.max(MINUTE, ms * share) / HOUR });

  const fates = Object.fromEntries(FATES.map(([f]) => [f, 0])) as Record<Fate, number>;
  const times = receiptTimes(r, calendar, now, options.weeks ?? 7, options.perDay ?? 5);
  for (const receivedAt of times) {
    const mix = r.weighted(MIX.map((m) => [m, m.weight] as const));
    const procedure = procedureOf.get(mix.code);
    if (!procedure) throw new Error(`demo procedure missing: ${mix.code}`);
    const fate = r.weighted(FATES);
    fates[fate]++;
    const input: TReceiveDossier = {
      procedureId: procedure.id,
      deskUnitId: desk,
      agencyUnitId: procedure.level === "commune" ? ward12 : null,
      method: r.weighted([
        ["counter", 70],
        ["online", 25],
        ["post", 5],
      ] as const),
      applicant: applicant(r, mix.code),
      documents: procedure.documents.map((doc) => ({
        name: doc.name,
        originals: doc.originals,
        copies: doc.copies,
      })),
      data: mix.data?.(r) ?? {},
      resultDelivery: r.weighted([
        ["counter", 75],
        ["post", 15],
        ["online", 10],
      ] as const),
      decision: fate === "refused" ? "refuse" : fate === "incomplete" ? "request_supplement" : "accept",
      reasons: fate === "refused" ? [r.pick(REFUSALS)] : fate === "incomplete" ? [r.pick(INCOMPLETE)] : [],
    };
    const portal =
      input.method === "online" &&
      procedure.onlineLevel !== "none" &&
      viaPortal < 4 &&
      now.getTime() - receivedAt.getTime() < 12 * 24 * HOUR;
    let d: DossierRow;
    if (portal) {
      // Submitted on the portal an hour or two before the desk took it from its queue.
      viaPortal++;
      const submitted = new Date(receivedAt.getTime() - r.int(30, 150) * MINUTE);
      const submission = await act(submitted, (tx, ctx) =>
        submitOnline(
          tx,
          citizen.actor,
          {
            procedureId: input.procedureId,
            agencyUnitId: input.agencyUnitId ?? null,
            applicant: citizenApplicant(mix.code),
            documents: input.documents.map((doc) => ({ ...doc, fileIds: [] })),
            data: input.data,
            resultDelivery: "online",
            clientKey: `demo-${viaPortal}`,
          },
          ctx,
        ),
      );
      d = await act(receivedAt, (tx, ctx) =>
        receiveOnline(
          tx,
          clerk.actor,
          submission.id,
          { decision: input.decision, reasons: input.reasons },
          ctx,
        ).then(({ dossier }) => load(tx, dossier.id)),
      );
    } else d = await act(receivedAt, (tx, ctx) => receiveDossier(tx, clerk.actor, input, ctx));
    let t = receivedAt;
    if (fate === "refused") continue;
    if (fate === "incomplete") {
      // Most applicants come back with the missing papers within a week.
      const back = after(t, 8 * HOUR, r.int(1, 5));
      if (back > now || r.chance(0.2)) continue;
      t = back;
      d = await act(t, (tx, ctx) =>
        load(tx, d.id).then((x) =>
          receiveSupplement(tx, clerk.actor, x, { note: "Công dân nộp bổ sung" }, ctx),
        ),
      );
    }
    await walkDossier(d.id, t, fate);
  }
  // Two submissions still waiting in the desk's online queue, and one the desk asked to complete
  // just after the last receipt (so its code follows the day's others), for the citizen to answer.
  const online = MIX.map((m) => procedureOf.get(m.code)!).filter((p) => p.onlineLevel !== "none");
  const last = times.at(-1);
  const askedAt = last ? new Date(last.getTime() + 15 * MINUTE) : null;
  const moments: { at: Date; ask: boolean }[] = [
    { at: new Date(now.getTime() - 180 * MINUTE), ask: false },
    { at: new Date(now.getTime() - 25 * MINUTE), ask: false },
    ...(askedAt && askedAt < now ? [{ at: new Date(askedAt.getTime() - 10 * MINUTE), ask: true }] : []),
  ];
  for (const [i, moment] of moments.entries()) {
    const procedure = online[i % online.length]!;
    const mix = MIX.find((m) => m.code === procedure.code)!;
    const submission = await act(moment.at, (tx, ctx) =>
      submitOnline(
        tx,
        citizen.actor,
        {
          procedureId: procedure.id,
          agencyUnitId: procedure.level === "commune" ? ward12 : null,
          applicant: citizenApplicant(procedure.code),
          documents: procedure.documents.map((doc) => ({
            name: doc.name,
            originals: doc.originals,
            copies: doc.copies,
            fileIds: [],
          })),
          data: mix.data?.(r) ?? {},
          resultDelivery: "online",
          clientKey: `demo-pending-${i}`,
        },
        ctx,
      ),
    );
    if (moment.ask && askedAt)
      await act(askedAt, (tx, ctx) =>
        receiveOnline(
          tx,
          clerk.actor,
          submission.id,
          {
            decision: "request_supplement",
            reasons: [`${procedure.documents[0]?.name ?? "Tờ khai"}: chưa có chữ ký của người yêu cầu`],
          },
          ctx,
        ),
      );
  }
  return { received: times.length + moments.filter((m) => m.ask).length, fates };

  /** Moves an accepted dossier step by step until it is returned (then maybe archived) or `now` is reached. */
  async function walkDossier(id: string, start: Date, fate: Fate) {
    let t = start;
    let supplemented = false;
    let extended = false;
    let sentBack = false;
    const closing = fate === "stopped" || fate === "withdrawn" ? fate : null;
    const closeAt = closing ? r.int(1, 2) : -1;
    for (let moves = 0; moves < 30; moves++) {
      const d = await loadDossier(db, tenantId, id);
      const steps = await activeSteps(db, id);
      if (d.status !== "processing") break;
      const step = steps[0];
      if (!step) break;
      if (closing && moves === closeAt) {
        const when = after(t, step.allotmentMs, 0.3);
        if (when > now) return;
        const by = closing === "stopped" ? agencyPerson(people, d) : clerk;
        await act(when, (tx, ctx) =>
          load(tx, id).then((x) =>
            closeDossier(
              tx,
              by.actor,
              x,
              closing,
              closing === "stopped"
                ? "Nhận được văn bản của Tòa án nhân dân quận 10 về việc đang thụ lý tranh chấp liên quan đến nội dung hồ sơ"
                : "Công dân có đơn đề nghị rút hồ sơ để điều chỉnh thông tin",
              ctx,
            ),
          ),
        );
        return;
      }
      const holder = holderOf(people, step.role, step.unitPath);
      const base = t;
      // Taken from the queue a little after it arrives, except what arrived in the last two working
      // hours: that still waits there (and a few steps are done without being taken first).
      const arrivedLately = calendar.workingTimeBetween(t, now) < 2 * HOUR;
      if (!step.assigneeId && !arrivedLately && r.chance(0.9)) {
        const claimAt = after(t, step.allotmentMs, 0.05);
        if (claimAt > now) return;
        await act(claimAt, (tx, ctx) =>
          load(tx, id).then((x) => claimStep(tx, holder.actor, x, step, step.version, ctx.now)),
        );
        t = claimAt;
      }
      const processing = step.stepKind === "process";
      if (processing && fate === "supplement" && !supplemented) {
        supplemented = true;
        const askAt = after(t, step.allotmentMs, 0.3);
        if (askAt > now) return;
        const agency = agencyPerson(people, d);
        await act(askAt, (tx, ctx) =>
          load(tx, id).then((x) => requestSupplement(tx, agency.actor, x, [r.pick(SUPPLEMENTS)], ctx)),
        );
        const backAt = new Date(askAt.getTime() + r.int(1, 6) * 24 * HOUR);
        const comesBack = calendar.addWorkingTime(backAt, { hours: 0 });
        if (comesBack > now) return;
        await act(comesBack, (tx, ctx) =>
          load(tx, id).then((x) =>
            receiveSupplement(
              tx,
              clerk.actor,
              x,
              { note: "Công dân nộp bổ sung tại Bộ phận Một cửa", documents: [] },
              ctx,
            ),
          ),
        );
        t = comesBack;
        continue;
      }
      if (processing && fate === "extended" && !extended) {
        extended = true;
        const askAt = after(t, step.allotmentMs, 0.5);
        if (askAt > now) return;
        if (askAt < d.dueAt) {
          const agency = agencyPerson(people, d);
          const newDueAt = calendar.addWorkingTime(d.dueAt, { hours: 16 });
          await act(askAt, (tx, ctx) =>
            load(tx, id).then((x) =>
              apologise(
                tx,
                agency.actor,
                x,
                { reason: r.pick(EXTENSIONS), newDueAt: newDueAt.toISOString() },
                ctx,
              ),
            ),
          );
          t = askAt;
        }
      }
      // How long the step takes: most well inside its allotment; the late dossier's officer runs past the
      // dossier's due time; an extended one uses part of the extra time.
      let doneAt: Date;
      if (processing && fate === "late") {
        const overrun = Math.max(0, calendar.workingTimeBetween(t, d.dueAt)) + r.int(2, 24) * HOUR;
        doneAt = calendar.addWorkingTime(t, { hours: overrun / HOUR });
      } else if (processing && fate === "extended") {
        doneAt = calendar.addWorkingTime(t, {
          hours: (Math.max(0, calendar.workingTimeBetween(t, d.dueAt)) + 8 * HOUR) / HOUR,
        });
      } else {
        doneAt = after(base, step.allotmentMs, 0.3 + r.next() * 0.65);
      }
      if (doneAt > now) return;
      const reviewing = SEND_BACK_STEP_KINDS.includes(step.stepKind);
      const sendBack = fate === "sent_back" && !sentBack && reviewing && !!step.previousStepId;
      if (sendBack) sentBack = true;
      if (step.stepKind === "return" && doneAt > d.dueAt) {
        // A late dossier goes back only with the apology letter (form 04), sent before the return.
        const agency = agencyPerson(people, d);
        await act(doneAt, async (tx, ctx) => {
          const x = await load(tx, id);
          if (!(await hasForm(tx, x, "04"))) {
            const newDueAt = calendar.addWorkingTime(
              new Date(Math.max(x.dueAt.getTime(), ctx.now.getTime())),
              {
                hours: 8,
              },
            );
            await apologise(
              tx,
              agency.actor,
              x,
              { reason: r.pick(LATE_APOLOGIES), newDueAt: newDueAt.toISOString() },
              ctx,
            );
          }
        });
        doneAt = new Date(doneAt.getTime() + 15 * MINUTE);
        if (doneAt > now) return;
      }
      const assign = step.stepKind === "assign";
      const officer = assign ? holderOf(people, "officer", step.unitPath) : null;
      await act(doneAt, async (tx, ctx) => {
        const x = await load(tx, id);
        const fresh = await loadStep(tx, tenantId, id, step.id);
        return completeStep(
          tx,
          holder.actor,
          x,
          fresh,
          {
            version: fresh.version,
            outcome: sendBack ? "send_back" : reviewing ? "approve" : "done",
            comment: sendBack ? r.pick(SEND_BACKS) : assign ? "Giao chuyên viên thẩm định, xử lý" : null,
            nextAssigneeId: officer?.actor.userId ?? null,
          },
          ctx,
        );
      });
      t = doneAt;
    }
    // Returned a few weeks ago: the desk archives it.
    const d = await loadDossier(db, tenantId, id);
    if (d.status === "returned" && d.returnedAt && now.getTime() - d.returnedAt.getTime() > 21 * 24 * HOUR) {
      const archiveAt = calendar.addWorkingTime(d.returnedAt, { hours: r.int(8, 40) });
      if (archiveAt < now)
        await act(archiveAt, (tx, ctx) => load(tx, id).then((x) => archiveDossier(tx, clerk.actor, x, ctx)));
    }
  }
}
