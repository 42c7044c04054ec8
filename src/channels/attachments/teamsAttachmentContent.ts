import { z } from 'zod';

export const TEAMS_FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/**
 * `content` of a Teams file upload (`TEAMS_FILE_DOWNLOAD_INFO`), and of the newer inline-image
 * shape (`image/*` whose content carries the Bot Connector `downloadUrl`).
 */
export const teamsDownloadContentSchema = z.object({
  downloadUrl: z.string().min(1),
  fileType: z.string().optional(),
  uniqueId: z.string().optional(),
});

export type TeamsDownloadContent = z.infer<typeof teamsDownloadContentSchema>;

export function teamsDownloadContent(content: unknown): TeamsDownloadContent | undefined {
  const parsed = teamsDownloadContentSchema.safeParse(content);
  return parsed.success ? parsed.data : undefined;
}
