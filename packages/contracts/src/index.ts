export * from "./audit";
export * from "./auth";
export * from "./calendar";
export * from "./catalogue";
export * from "./common";
export * from "./errors";
export * from "./org";
export * from "./permissions";
