/**
 * Kling fake: verifies the HS256 JWT (iss = access key, signed with the secret key, exp/nbf
 * enforced → 401 code 1004/1003), answers {code:0,message:"SUCCEED",request_id,data}, numeric
 * string task ids, submitted→processing→succeed|failed, validation (400/1201), a concurrency cap
 * (429/1303) and bare-task callbacks on every status change.
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import {
  advance,
  header,
  isTerminal,
  newJob,
  phaseOf,
  postCallback,
  sendJson,
  startFakeServer,
  takeFault,
  writeGenericFault,
  type Ctx,
  type FakeJob,
  type FakeServer,
  type Phase,
} from "./common";

export interface KlingFakeOptions {
  accessKey?: string;
  secretKey?: string;
  /** Max tasks in submitted/processing at once (429/1303 beyond); default unlimited. */
  concurrencyCap?: number;
}

type KJob = FakeJob & { family: "text2video" | "image2video"; externalTaskId?: string; lastStatus?: string };

export interface KlingFake extends FakeServer {
  accessKey: string;
  secretKey: string;
  jobs: Map<string, KJob>;
  concurrencyCap: number;
}

const env = (code: number, message: string, data: unknown = null) => ({ code, message, request_id: randomUUID(), data });

function b64json(s: string): Record<string, unknown> | null {
  try {
    return JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
}

let seq = 867283741759111000n;

export async function startKlingFake(opts: KlingFakeOptions = {}): Promise<KlingFake> {
  const accessKey = opts.accessKey ?? "kling-fake-ak";
  const secretKey = opts.secretKey ?? "kling-fake-sk";
  const jobs = new Map<string, KJob>();
  const state = { concurrencyCap: opts.concurrencyCap ?? Number.POSITIVE_INFINITY };

  function authed(c: Ctx): boolean {
    const h = header(c, "authorization");
    const deny = (code: number, msg: string) => {
      sendJson(c.res, 401, env(code, msg));
      return false;
    };
    if (!h) return deny(1001, "Authorization is empty");
    const m = /^Bearer ([^.]+)\.([^.]+)\.([^.]+)$/.exec(h);
    if (!m) return deny(1002, "Authorization is invalid");
    const [, hd, pl, sig] = m;
    const head = b64json(hd);
    const claims = b64json(pl);
    if (!head || head.alg !== "HS256" || !claims) return deny(1002, "Authorization is invalid");
    const expected = createHmac("sha256", secretKey).update(`${hd}.${pl}`).digest();
    const got = Buffer.from(sig, "base64url");
    if (got.length !== expected.length || !timingSafeEqual(got, expected) || claims.iss !== accessKey) {
      return deny(1002, `Authorization is invalid for access key ${String(claims.iss)}`);
    }
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.nbf === "number" && claims.nbf > now + 1) return deny(1003, "Authorization is not yet valid");
    if (typeof claims.exp !== "number" || claims.exp < now) return deny(1004, "Authorization has expired");
    return true;
  }

  function fault(c: Ctx, field: "submitFault" | "pollFault" | "otherFault"): boolean {
    const f = takeFault(base.mode, field);
    if (!f) return false;
    if (f.kind === "rate_limit") {
      const headers: Record<string, string> = {};
      if ((f.retryAfter ?? "1") !== "") headers["retry-after"] = f.retryAfter ?? "1";
      sendJson(c.res, 429, env(1302, "request rate too high"), headers);
      return true;
    }
    if (f.kind === "server_error") {
      sendJson(c.res, f.status ?? 500, env(5000, "internal error"));
      return true;
    }
    if (writeGenericFault(c, f, () => null)) return true;
    if (f.kind === "budget") sendJson(c.res, 429, env(1102, "resource pack exhausted or expired"));
    else sendJson(c.res, 400, env(1301, "risk control: content safety triggered"));
    return true;
  }

  const statusName = (p: Phase) =>
    p === "queued" ? "submitted" : p === "running" ? "processing" : p === "success" ? "succeed" : "failed";

  function taskObject(job: KJob, p: Phase) {
    const st = statusName(p);
    return {
      task_id: job.id,
      task_status: st,
      task_status_msg: p === "failure" ? "generation failed: internal render error" : p === "moderation" ? "Failure to pass the risk control system" : "",
      task_info: job.externalTaskId ? { external_task_id: job.externalTaskId } : {},
      ...(p === "success"
        ? { task_result: { videos: [{ id: `v-${job.id}`, url: base.mediaUrl(job.id), duration: "5.1" }] }, final_unit_deduction: "1" }
        : {}),
      watermark_info: { enabled: false },
      created_at: job.createdAt,
      updated_at: Date.now(),
    };
  }

  function validate(family: string, b: Record<string, unknown>): string | null {
    if (family === "text2video" && (typeof b.prompt !== "string" || !b.prompt)) return "prompt is required";
    if (typeof b.prompt === "string" && b.prompt.length > 2500) return "prompt too long";
    if (family === "image2video" && (typeof b.image !== "string" || !b.image)) return "image is required";
    if (b.duration !== undefined && b.duration !== "5" && b.duration !== "10") return "duration must be \"5\" or \"10\"";
    if (b.aspect_ratio !== undefined && !["16:9", "9:16", "1:1"].includes(String(b.aspect_ratio))) return "aspect_ratio invalid";
    if (b.cfg_scale !== undefined && !(typeof b.cfg_scale === "number" && b.cfg_scale >= 0 && b.cfg_scale <= 1)) return "cfg_scale must be in [0,1]";
    if (b.mode !== undefined && b.mode !== "std" && b.mode !== "pro") return "mode invalid";
    return null;
  }

  const base = await startFakeServer({
    notFound: (c) => sendJson(c.res, 404, env(1202, `no route ${c.method} ${c.path}`)),
    route: (c) => {
      const create = c.method === "POST" && /^\/v1\/videos\/(text2video|image2video)$/.exec(c.path);
      if (create) {
        if (!authed(c) || fault(c, "submitFault")) return true;
        const family = create[1] as KJob["family"];
        const b = (c.body ?? {}) as Record<string, unknown>;
        const err = validate(family, b);
        if (err) {
          sendJson(c.res, 400, env(1201, `invalid parameter: ${err}`));
          return true;
        }
        const active = [...jobs.values()].filter((j) => !isTerminal(phaseOf(j))).length;
        if (active >= state.concurrencyCap) {
          sendJson(c.res, 429, env(1303, "parallel task over resource pack limit"));
          return true;
        }
        seq += 1n + BigInt(Math.floor(Math.random() * 1000));
        const id = seq.toString();
        const job: KJob = { ...newJob(id, base.mode, b, b.callback_url as string | undefined), family, externalTaskId: b.external_task_id as string | undefined };
        jobs.set(id, job);
        job.lastStatus = "submitted";
        sendJson(c.res, 200, env(0, "SUCCEED", {
          task_id: id,
          task_status: "submitted",
          task_info: job.externalTaskId ? { external_task_id: job.externalTaskId } : {},
          created_at: job.createdAt,
          updated_at: job.createdAt,
        }));
        return true;
      }
      const query = c.method === "GET" && /^\/v1\/videos\/(text2video|image2video)\/([^/]+)$/.exec(c.path);
      if (query) {
        if (!authed(c) || fault(c, "pollFault")) return true;
        const job = jobs.get(decodeURIComponent(query[2]));
        if (!job || job.family !== query[1]) {
          sendJson(c.res, 404, env(1203, "task not found"));
          return true;
        }
        const p = advance(job);
        const obj = taskObject(job, p);
        sendJson(c.res, 200, env(0, "SUCCEED", obj));
        if (job.callbackUrl && obj.task_status !== job.lastStatus) {
          job.lastStatus = obj.task_status;
          void postCallback(job.callbackUrl, JSON.stringify(obj));
        }
        return true;
      }
      const list = c.method === "GET" && /^\/v1\/videos\/(text2video|image2video)$/.exec(c.path);
      if (list) {
        if (!authed(c) || fault(c, "otherFault")) return true;
        const size = Math.min(500, Math.max(1, Number(c.query.pageSize ?? 30)));
        const all = [...jobs.values()].filter((j) => j.family === list[1]).map((j) => taskObject(j, phaseOf(j)));
        sendJson(c.res, 200, env(0, "SUCCEED", all.slice(0, size)));
        return true;
      }
      return false;
    },
  });

  const fake = Object.assign(base, { accessKey, secretKey, jobs }) as typeof base & { accessKey: string; secretKey: string; jobs: Map<string, KJob> };
  Object.defineProperty(fake, "concurrencyCap", {
    get: () => state.concurrencyCap,
    set: (n: number) => {
      state.concurrencyCap = n;
    },
    enumerable: true,
  });
  return fake as unknown as KlingFake;
}
