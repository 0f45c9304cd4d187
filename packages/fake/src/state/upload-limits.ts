// The vendor's limits of the signed-URL upload flow (initiate-file-upload's description).
export const MB = 1024 * 1024;
/** 100 MB for WhatsApp, 5 MB otherwise. */
export const maxFileSize = (channel: string) => (channel.toUpperCase() === "WHATSAPP" ? 100 * MB : 5 * MB);
/** How long an upload URL stays valid. */
export const UPLOAD_URL_LIFETIME_MS = 15 * 60 * 1000;
