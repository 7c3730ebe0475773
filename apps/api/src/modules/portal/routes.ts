import { ZDossierCodeParamsSchema, ZPublicDossierStatusSchema } from "@eiso/contracts";
import { publicDossierStatus } from "../dossiers/tracking";
import type { Api, ModuleOptions } from "../registry";

/** Public-facing use cases (no session): for now, tracking a dossier by the code on its receipt. */
export function registerPortalRoutes(app: Api, options: ModuleOptions): void {
  app.get(
    "/api/public/dossiers/:code",
    {
      config: {
        permission: "public",
        rateLimit: { max: options.publicRateLimit, timeWindow: "1 minute" },
      },
      schema: {
        tags: ["portal"],
        summary: "Tra cứu tình trạng hồ sơ theo mã (mã QR trên giấy tiếp nhận)",
        params: ZDossierCodeParamsSchema,
        response: { 200: ZPublicDossierStatusSchema },
      },
    },
    async (req) => publicDossierStatus(app.database.db, req.params.code),
  );
}
