import { runContractSuite, LEAKY_KEY } from "@/e2e/fakes/providers/contract-suite";
import { startHeygenFake } from "@/e2e/fakes/providers/heygen";
import { createHeygenProvider } from "@/lib/providers/heygen";

runContractSuite({
  name: "heygen (v2)",
  start: () => startHeygenFake(),
  make: (o) => createHeygenProvider(o),
  creds: (f) => ({ apiKey: f.apiKey, baseUrl: f.baseUrl }),
  leakyCreds: (f) => ({ apiKey: LEAKY_KEY, baseUrl: f.baseUrl }),
});

runContractSuite({
  name: "heygen (v3)",
  start: () => startHeygenFake(),
  make: (o) => createHeygenProvider(o),
  creds: (f) => ({ apiKey: f.apiKey, baseUrl: f.baseUrl, apiVersion: "v3" }),
  leakyCreds: (f) => ({ apiKey: LEAKY_KEY, baseUrl: f.baseUrl, apiVersion: "v3" }),
});
