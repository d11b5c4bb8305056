import type { FakeDefinition } from "./server";
import { send, sendJson } from "./server";

/**
 * A tiny OpenAI-compatible chat API: `POST /v1/chat/completions`. In ok mode it answers with a
 * JSON object that rewrites every `text` it was sent (prefixing "Polished: "), keeping the ids,
 * the way a model asked for `response_format: json_object` would.
 */
export function openAiChatFake(): FakeDefinition {
  return {
    name: "openai_chat",
    ok(req, url, res) {
      if (url.pathname !== "/v1/chat/completions" || req.method !== "POST") {
        return sendJson(res, 404, { error: { message: "Not found", type: "invalid_request_error" } });
      }
      let body: { model?: string; messages?: Array<{ role: string; content: string }> };
      try {
        body = JSON.parse(req.body);
      } catch {
        return sendJson(res, 400, { error: { message: "invalid JSON", type: "invalid_request_error" } });
      }
      const user = body.messages?.find((m) => m.role === "user")?.content ?? "{}";
      const input = JSON.parse(user) as Record<string, Array<{ id: string; text: string }>>;
      const out: Record<string, Array<{ id: string; text: string }>> = {};
      for (const [k, list] of Object.entries(input)) out[k] = list.map((x) => ({ id: x.id, text: `Polished: ${x.text}` }));
      return sendJson(res, 200, {
        id: "chatcmpl-fake-1",
        object: "chat.completion",
        created: 1735689600,
        model: body.model ?? "fake-model",
        choices: [{ index: 0, message: { role: "assistant", content: JSON.stringify(out) }, finish_reason: "stop" }],
        usage: { prompt_tokens: 100, completion_tokens: 100, total_tokens: 200 },
      });
    },
    rateLimited(res) {
      sendJson(res, 429, { error: { message: "Rate limit reached", type: "requests" } }, { "Retry-After": "1" });
    },
    malformed(res) {
      sendJson(res, 200, {
        id: "chatcmpl-fake-2",
        object: "chat.completion",
        choices: [{ index: 0, message: { role: "assistant", content: "Sure! Here are your insights, polished." }, finish_reason: "stop" }],
      });
    },
    serverError(res) {
      send(res, 500, JSON.stringify({ error: { message: "The server had an error", type: "server_error" } }), {
        "Content-Type": "application/json",
      });
    },
  };
}
