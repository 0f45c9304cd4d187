// The multipart body of the upload operation: the file goes in `fileAttachment`, next to the other
// fields of the spec's UploadFilesDto.
import type { Schema } from "@conversations-api/types";

/** A Blob, a File, or bytes (a Node Buffer is a Uint8Array). */
export type FileContent = Blob | ArrayBuffer | Uint8Array;

export type UploadInput = Omit<Schema<"UploadFilesDto">, "fileAttachment"> & {
  fileAttachment: FileContent;
  /** The file name the server sees; defaults to a File's own name, else "attachment". */
  fileName?: string;
};

export function uploadForm({ fileAttachment, fileName, ...fields }: UploadInput): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, String(item));
  }
  const blob = fileAttachment instanceof Blob ? fileAttachment : new Blob([fileAttachment as BlobPart]);
  const ownName = (fileAttachment as { name?: unknown }).name;
  form.append("fileAttachment", blob, fileName ?? (typeof ownName === "string" ? ownName : "attachment"));
  return form;
}
