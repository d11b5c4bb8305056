/**
 * Written from @runwayml/sdk (npm; resources/image-to-video.d.ts, text-to-video.d.ts, tasks.d.ts,
 * organization.d.ts at 4.12, avatar-videos.d.ts at 4.20.1), read 2026-11-30.
 * Runway fake: Bearer key + X-Runway-Version: 2024-11-06 required; POST /v1/image_to_video and
 * /v1/text_to_video validate model/ratio/duration ("Validation of body failed" + issues) and
 * return {id}; GET /v1/tasks/{id} walks PENDING→THROTTLED→RUNNING(progress 0–1)→SUCCEEDED|FAILED;
 * DELETE cancels (CANCELLED once, 404 afterwards); GET /v1/organization.
 * POST /v1/avatar_videos (presenter) follows @runwayml/sdk 4.20.1 resources/avatar-videos.d.ts
 * (npm registry tarball, read 2026-11-30): {model:"gwm1_avatars", avatar, speech} → {id}, polled
 * through the same /v1/tasks/{id}. Clip endpoints: shared/providers/runway.md (SDK 4.12, 2026-11-21).
 */
import { randomUUID } from "node:crypto";
import {
  advance,
  header,
  isTerminal,
  newJob,
  phaseOf,
  sendJson,
  startFakeServer,
  takeFault,
  writeGenericFault,
  type Ctx,
  type FakeJob,
  type FakeServer,
} from "./common";

export interface RunwayFakeOptions {
  apiKey?: string;
}

type RJob = FakeJob & { deleted?: boolean; cancelSeen?: boolean };

export interface RunwayFake extends FakeServer {
  apiKey: string;
  jobs: Map<string, RJob>;
}

export const RUNWAY_VERSION = "2024-11-06";
const I2V_RATIOS = ["1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672"];
const T2V_RATIOS = ["1280:720", "720:1280"];

interface Issue {
  code: string;
  path: string[];
  message: string;
}

function validate(endpoint: "image_to_video" | "text_to_video", b: Record<string, unknown>): Issue[] {
  const issues: Issue[] = [];
  const model = b.model;
  if (typeof model !== "string") {
    issues.push({ code: "invalid_type", path: ["model"], message: "Invalid input: expected string, received undefined" });
    return issues;
  }
  const allowed = endpoint === "image_to_video" ? ["gen4_turbo", "gen4.5", "veo3.1", "veo3.1_fast", "veo3"] : ["gen4.5", "veo3.1", "veo3.1_fast", "veo3"];
  if (!allowed.includes(model)) {
    issues.push({ code: "invalid_value", path: ["model"], message: `Invalid option: expected one of ${allowed.map((m) => `"${m}"`).join("|")}` });
    return issues;
  }
  if (endpoint === "image_to_video" && (typeof b.promptImage !== "string" || !b.promptImage)) {
    issues.push({ code: "invalid_type", path: ["promptImage"], message: "Invalid input: expected string, received undefined" });
  }
  if ((endpoint === "text_to_video" || model === "gen4.5") && (typeof b.promptText !== "string" || !b.promptText)) {
    issues.push({ code: "invalid_type", path: ["promptText"], message: "Invalid input: expected string, received undefined" });
  }
  if (typeof b.promptText === "string" && b.promptText.length > 1000) {
    issues.push({ code: "too_big", path: ["promptText"], message: "Too big: expected string to have <=1000 characters" });
  }
  const ratios = model.startsWith("veo") ? ["1280:720", "720:1280", "1080:1920", "1920:1080"] : endpoint === "text_to_video" ? T2V_RATIOS : I2V_RATIOS;
  if (!ratios.includes(String(b.ratio))) issues.push({ code: "invalid_value", path: ["ratio"], message: `Invalid option: expected one of ${ratios.join("|")}` });
  const d = b.duration;
  if (model === "gen4.5" && d === undefined) issues.push({ code: "invalid_type", path: ["duration"], message: "Invalid input: expected number, received undefined" });
  if (d !== undefined && !(Number.isInteger(d) && (d as number) >= 2 && (d as number) <= 10)) {
    issues.push({ code: "invalid_value", path: ["duration"], message: "Invalid input: expected int between 2 and 10" });
  }
  return issues;
}

export async function startRunwayFake(opts: RunwayFakeOptions = {}): Promise<RunwayFake> {
  const apiKey = opts.apiKey ?? "key_" + "f".repeat(128);
  const jobs = new Map<string, RJob>();

  function authed(c: Ctx): boolean {
    const h = header(c, "authorization");
    if (h !== `Bearer ${apiKey}`) {
      sendJson(c.res, 401, { error: `Invalid API key. Received: ${h ?? "(none)"}. Make sure you use api.dev.runwayml.com.` });
      return false;
    }
    if (header(c, "x-runway-version") !== RUNWAY_VERSION) {
      sendJson(c.res, 400, { error: "Missing or invalid X-Runway-Version header; expected 2024-11-06", docUrl: "https://docs.dev.runwayml.com/api" });
      return false;
    }
    return true;
  }

  function fault(c: Ctx, field: "submitFault" | "pollFault" | "otherFault"): boolean {
    const f = takeFault(base.mode, field);
    if (!f) return false;
    if (writeGenericFault(c, f, (s, m) => ({ error: s === 429 ? "You have exceeded your daily generation quota for this model" : m }))) return true;
    if (f.kind === "budget") sendJson(c.res, 400, { error: "You do not have enough credits to run this task." });
    else sendJson(c.res, 400, { error: "Your prompt was rejected by content moderation.", docUrl: "https://docs.dev.runwayml.com/api-details/task-failures" });
    return true;
  }

  /** POST /v1/avatar_videos, per @runwayml/sdk 4.20.1 resources/avatar-videos.d.ts (npm, read 2026-11-30). */
  function validateAvatar(b: Record<string, unknown>): Issue[] {
    const issues: Issue[] = [];
    const avatar = b.avatar as Record<string, unknown> | undefined;
    const speech = b.speech as Record<string, unknown> | undefined;
    if (b.model !== "gwm1_avatars") issues.push({ path: ["model"], message: "Invalid literal value, expected \"gwm1_avatars\"" } as Issue);
    if (!avatar || !((avatar.type === "runway-preset" && typeof avatar.presetId === "string") || (avatar.type === "custom" && typeof avatar.avatarId === "string"))) {
      issues.push({ path: ["avatar"], message: "avatar must be {type:'runway-preset',presetId} or {type:'custom',avatarId}" } as Issue);
    }
    if (!speech || !((speech.type === "text" && typeof speech.text === "string" && speech.text) || (speech.type === "audio" && typeof speech.audio === "string"))) {
      issues.push({ path: ["speech"], message: "speech must be {type:'text',text} or {type:'audio',audio}" } as Issue);
    }
    return issues;
  }

  const base = await startFakeServer({
    notFound: (c) => sendJson(c.res, 404, { error: "Not found" }),
    route: (c) => {
      if (c.method === "POST" && c.path === "/v1/avatar_videos") {
        if (!authed(c) || fault(c, "submitFault")) return true;
        const b = (c.body ?? {}) as Record<string, unknown>;
        const issues = validateAvatar(b);
        if (issues.length) {
          sendJson(c.res, 400, { error: "Validation of body failed", issues, docUrl: "https://docs.dev.runwayml.com/api" });
          return true;
        }
        const id = randomUUID();
        jobs.set(id, newJob(id, base.mode, b));
        sendJson(c.res, 200, { id });
        return true;
      }
      const create = c.method === "POST" && /^\/v1\/(image_to_video|text_to_video)$/.exec(c.path);
      if (create) {
        if (!authed(c) || fault(c, "submitFault")) return true;
        const b = (c.body ?? {}) as Record<string, unknown>;
        const issues = validate(create[1] as "image_to_video" | "text_to_video", b);
        if (issues.length) {
          sendJson(c.res, 400, { error: "Validation of body failed", issues, docUrl: "https://docs.dev.runwayml.com/api" });
          return true;
        }
        const id = randomUUID();
        jobs.set(id, newJob(id, base.mode, b));
        sendJson(c.res, 200, { id });
        return true;
      }
      const t = /^\/v1\/tasks\/([^/]+)$/.exec(c.path);
      if (t && c.method === "GET") {
        if (!authed(c) || fault(c, "pollFault")) return true;
        const job = jobs.get(decodeURIComponent(t[1]));
        if (!job || job.deleted || (job.cancelled && job.cancelSeen)) {
          sendJson(c.res, 404, { error: "Task not found" });
          return true;
        }
        const createdAt = new Date(job.createdAt).toISOString();
        if (job.cancelled) {
          job.cancelSeen = true;
          sendJson(c.res, 200, { id: job.id, createdAt, status: "CANCELLED" });
          return true;
        }
        const p = advance(job);
        if (p === "queued") sendJson(c.res, 200, { id: job.id, createdAt, status: "PENDING" });
        else if (p === "running") {
          if (job.polls === 2 && !job.stuck) sendJson(c.res, 200, { id: job.id, createdAt, status: "THROTTLED" });
          else sendJson(c.res, 200, { id: job.id, createdAt, status: "RUNNING", progress: Math.min(0.95, (job.polls - 1) / (job.pollsBeforeDone + 1)) });
        } else if (p === "success") sendJson(c.res, 200, { id: job.id, createdAt, status: "SUCCEEDED", output: [base.mediaUrl(job.id)] });
        else if (p === "moderation") sendJson(c.res, 200, { id: job.id, createdAt, status: "FAILED", failure: "Your input was flagged by our content moderation system.", failureCode: "SAFETY.INPUT.TEXT" });
        else sendJson(c.res, 200, { id: job.id, createdAt, status: "FAILED", failure: "An unexpected error occurred.", failureCode: "INTERNAL" });
        return true;
      }
      if (t && c.method === "DELETE") {
        if (!authed(c)) return true;
        const job = jobs.get(decodeURIComponent(t[1]));
        if (!job || job.deleted || job.cancelled) {
          sendJson(c.res, 404, { error: "Task not found" });
          return true;
        }
        if (isTerminal(phaseOf(job))) job.deleted = true;
        else job.cancelled = true;
        c.res.writeHead(204);
        c.res.end();
        return true;
      }
      if (c.method === "GET" && c.path === "/v1/organization") {
        if (!authed(c) || fault(c, "otherFault")) return true;
        sendJson(c.res, 200, {
          creditBalance: 50250,
          tier: { maxMonthlyCreditSpend: 200000, models: { gen4_turbo: { maxConcurrentGenerations: 1, maxDailyGenerations: 1000 }, "gen4.5": { maxConcurrentGenerations: 1, maxDailyGenerations: 500 } } },
          usage: { models: { gen4_turbo: { dailyGenerations: jobs.size } } },
        });
        return true;
      }
      return false;
    },
  });

  return Object.assign(base, { apiKey, jobs });
}
