// Every table of every module, for drizzle-kit and for the typed query builder.
export * from "../../modules/calendar/tables";
export * from "../../modules/catalogue/tables";
export * from "../../modules/dossiers/documents/tables";
export * from "../../modules/dossiers/tables";
export * from "../../modules/org/tables";
export * from "../audit/tables";
export * from "../auth/tables";
export * from "../files/tables";
export * from "../jobs/tables";
