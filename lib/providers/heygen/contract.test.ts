import { runContractSuite, LEAKY_KEY } from "@/e2e/fakes/providers/contract-suite";
import { startHeygenFake } from "@/e2e/fakes/providers/heygen";
import { createHeygenProvider } from "@/lib/providers/heygen";

// v3 is the only path (v1/v2 retired 2026-10-31): no apiVersion setting exists any more.
runContractSuite({
  name: "heygen (v3)",
  start: () => startHeygenFake(),
  make: (o) => createHeygenProvider(o),
  creds: (f) => ({ apiKey: f.apiKey, baseUrl: f.baseUrl }),
  leakyCreds: (f) => ({ apiKey: LEAKY_KEY, baseUrl: f.baseUrl }),
});
