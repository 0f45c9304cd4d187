// What a typed error body says its status is: the vendor's error DTOs carry `statusCode`, the upload
// error DTO carries `status`.
export function statusOf(error: unknown): number | undefined {
  if (error === null || typeof error !== "object") return undefined;
  const body = error as { statusCode?: unknown; status?: unknown };
  const status = body.statusCode ?? body.status;
  return typeof status === "number" ? status : undefined;
}
