/**
 * The studio as MCP tools (Model Context Protocol, spec 2025-06-18,
 * https://modelcontextprotocol.io/specification/2025-06-18/server/tools, read 2026-11-30),
 * built with the official TypeScript SDK (@modelcontextprotocol/sdk). One server per caller:
 * every tool runs as the workspace the API key belongs to, through the same lib/ services the
 * REST routes call (no second implementation of anything), so tenancy, plan gates, budget
 * reservation and idempotency are the same. Transports: stdio (lib/mcp/stdio.ts, `npm run mcp`)
 * and streamable HTTP (app/api/mcp/route.ts, Bearer API key).
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { AuthContext } from "@/lib/auth/context";
import { toAppError } from "@/lib/http/respond";
import { idSchema } from "@/lib/http/schemas";
import { logger } from "@/lib/logger";
import { getResearchJob, runResearchJob } from "@/lib/research/service";
import { listAvatars, listTemplates } from "@/lib/videos/catalog";
import { createVideo } from "@/lib/videos/create";
import { estimateForForm } from "@/lib/videos/estimate-public";
import { ASPECT_NAMES } from "@/lib/videos/input";
import { getVideo, listWorkspaceVideos } from "@/lib/videos/library";
import { publicVideo } from "@/lib/videos/process";

export const MCP_TOOL_NAMES = [
  "list_presenters", "list_templates", "estimate_video", "create_video", "video_status", "list_videos", "run_research", "research_status",
] as const;

function ok(data: unknown): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(data, null, 2) }], structuredContent: data as Record<string, unknown> };
}

/** Errors a caller can act on come back as tool errors with the same message the API gives. */
async function run(fn: () => Promise<unknown>): Promise<CallToolResult> {
  try {
    return ok(await fn());
  } catch (err) {
    const e = toAppError(err);
    if (!e) logger.error({ err }, "mcp tool failed");
    const text = e ? `${e.code}: ${e.message}` : "internal: Something went wrong on our side; try again.";
    return { content: [{ type: "text", text }], isError: true };
  }
}

const videoFields = {
  title: z.string().describe("The video's title."),
  script: z.string().describe("What the presenter says (up to 10,000 characters)."),
  presenter: z.string().describe("Presenter slug or id, from list_presenters."),
  template: z.string().optional().describe("Template slug or id, from list_templates."),
  aspect: z.enum(ASPECT_NAMES).optional().describe("portrait (9:16, default), landscape (16:9), square (1:1) or portrait_4x5 (4:5)."),
};

export function createStudioMcpServer(ctx: AuthContext): McpServer {
  const server = new McpServer(
    { name: "avatar-video-studio", version: "1.0.0" },
    { instructions: `Tools of the Avatar Video Studio, acting in the workspace "${ctx.workspace.name}". Typical flow: list_presenters → estimate_video → create_video → video_status until completed.` },
  );
  const ws = ctx.workspace.id;

  server.registerTool("list_presenters", {
    title: "List presenters", description: "Presenters (avatars) this workspace may use; `locked` ones need a plan upgrade.",
    annotations: { readOnlyHint: true },
  }, () => run(async () => ({
    presenters: (await listAvatars(ctx.workspace.plan, ws)).map((a) => ({ id: a.id, slug: a.slug, name: a.name, description: a.description, tier: a.tier, language: a.language, locked: a.locked })),
  })));

  server.registerTool("list_templates", {
    title: "List templates", description: "Video templates (built-in and the workspace's): aspect, captions, voice speed, background.",
    annotations: { readOnlyHint: true },
  }, () => run(async () => ({
    templates: (await listTemplates(ws)).map((t) => ({ id: t.id, slug: t.slug, name: t.name, aspectRatio: t.aspectRatio, captions: t.captions, voiceSpeed: t.voiceSpeed })),
  })));

  server.registerTool("estimate_video", {
    title: "Estimate a video", description: "Cost in integer cents per candidate provider, and whether it fits the budget. Creates nothing.",
    inputSchema: { script: videoFields.script, presenter: videoFields.presenter, template: videoFields.template, aspect: videoFields.aspect },
    annotations: { readOnlyHint: true },
  }, (a) => run(() => estimateForForm(ctx, { script: a.script, avatarProfileId: a.presenter, templateId: a.template, aspectRatio: a.aspect })));

  server.registerTool("create_video", {
    title: "Create a video",
    description: "Reserves budget and queues the video; returns its id. Follow it with video_status. Pass idempotencyKey to make a retry return the same video.",
    inputSchema: { ...videoFields, idempotencyKey: z.string().min(1).max(200).optional().describe("Any unique string; the same key returns the first video.") },
    annotations: { destructiveHint: false, idempotentHint: false },
  }, (a) => run(async () => {
    const { video, created } = await createVideo(ctx, {
      title: a.title, script: a.script, avatarProfileId: a.presenter, templateId: a.template, aspectRatio: a.aspect, idempotencyKey: a.idempotencyKey,
    });
    return { created, video: publicVideo(video) };
  }));

  server.registerTool("video_status", {
    title: "Video status", description: "A video's status (queued → … → completed | failed | timeout | cancelled), stage, progress and media URLs.",
    inputSchema: { id: idSchema.describe("The video id create_video returned.") },
    annotations: { readOnlyHint: true },
  }, (a) => run(() => getVideo(ctx, a.id)));

  server.registerTool("list_videos", {
    title: "List videos", description: "The workspace's videos, newest first.",
    inputSchema: {
      status: z.string().max(200).optional().describe("Comma-separated statuses, e.g. completed,failed."),
      q: z.string().max(200).optional().describe("Search in titles."),
      limit: z.number().int().min(1).max(100).optional(),
      page: z.number().int().min(1).max(100_000).optional(),
    },
    annotations: { readOnlyHint: true },
  }, (a) => run(() => listWorkspaceVideos(ctx, { status: a.status, q: a.q, pageSize: a.limit, page: a.page })));

  server.registerTool("run_research", {
    title: "Run research", description: "Starts a research run from a saved research configuration (Research → Configurations); follow it with research_status.",
    inputSchema: { configurationId: idSchema.describe("A research configuration id (GET /api/v1/research/configurations).") },
  }, (a) => run(async () => {
    const job = await runResearchJob(ctx, a.configurationId, { trigger: "manual" });
    return { id: job.id, name: job.name, status: job.status, createdAt: job.createdAt };
  }));

  server.registerTool("research_status", {
    title: "Research status", description: "A research run: its status, insights and the script it can make.",
    inputSchema: { id: idSchema.describe("The run id run_research returned.") },
    annotations: { readOnlyHint: true },
  }, (a) => run(() => getResearchJob(ctx, a.id)));

  return server;
}
