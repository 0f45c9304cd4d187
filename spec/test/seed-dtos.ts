// Parses the seed extract (../shared/reference/seed-dtos.txt beside the repository): DTO names,
// field descriptions and one example each.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { specDir } from "./load-spec.js";

export const seedDtoNames = [
  "BadRequestDTO",
  "UnauthorizedDTO",
  "StartAfterNumberSchema",
  "StartAfterArrayNumberSchema",
  "ConversationSchema",
  "SendConversationResponseDto",
  "CreateConversationDto",
  "ConversationCreateResponseDto",
  "CreateConversationSuccessResponse",
  "GetConversationByIdResponse",
  "UpdateConversationDto",
  "ConversationDto",
  "GetConversationSuccessfulResponse",
  "DeleteConversationSuccessfulResponse",
  "GetEmailMessageResponseDto",
] as const;

export interface SeedDto {
  name: string;
  descriptions: string[];
  example: unknown;
}

export const seedPath = process.env.SEED_DTOS_PATH ?? resolve(specDir, "../../shared/reference/seed-dtos.txt");

export function readSeedDtos(): SeedDto[] {
  if (!existsSync(seedPath)) {
    throw new Error(
      `The seed extract is missing at ${seedPath}. It lives in shared/reference/ beside the repository; ` +
        "set SEED_DTOS_PATH to its location.",
    );
  }
  const lines = readFileSync(seedPath, "utf8").split("\n");
  const dtos: SeedDto[] = [];
  let index = 0;
  while (index < lines.length) {
    const name = lines[index]?.trim() ?? "";
    index += 1;
    if (!name) continue;
    const descriptions: string[] = [];
    while (index < lines.length && lines[index]?.trim() !== "{") {
      descriptions.push((lines[index] ?? "").trim());
      index += 1;
    }
    let json = "";
    let depth = 0;
    do {
      const line = lines[index] ?? "";
      json += `${line}\n`;
      depth += (line.match(/[{[]/g) ?? []).length - (line.match(/[}\]]/g) ?? []).length;
      index += 1;
    } while (depth > 0 && index < lines.length);
    dtos.push({ name, descriptions: descriptions.filter(Boolean), example: JSON.parse(json) });
  }
  return dtos;
}
