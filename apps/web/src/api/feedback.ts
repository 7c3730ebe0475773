import type { MessageInstance } from "antd/es/message/interface";
import { ApiError } from "./client";

let messageApi: MessageInstance | null = null;

/** Registered once by the app root so code outside components (query cache) can show messages. */
export function setMessageApi(instance: MessageInstance): void {
  messageApi = instance;
}

/** Shows an API error the way the API worded it (already in the user's language). */
export function showError(error: unknown): void {
  const text = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  messageApi?.error({ content: text, duration: 6 });
}

export function showSuccess(text: string): void {
  messageApi?.success(text);
}
