/** POST /api/v1/estimate for the create form and the research page's generate form. */
import type { EstimateResult } from "./cost-estimate";

export async function fetchEstimate(input: unknown, signal?: AbortSignal): Promise<EstimateResult> {
  const res = await fetch("/api/v1/estimate", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input), signal });
  const body = await res.json().catch(() => null);
  // The API's message without its code prefix ("bad_request: …") is what the card shows.
  if (!res.ok) throw new Error(body?.error?.message?.replace(/^[a-zA-Z]+: /, "") ?? "Could not estimate the cost. Try again.");
  return body as EstimateResult;
}
