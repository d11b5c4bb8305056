import { runContractSuite, LEAKY_KEY } from "@/e2e/fakes/providers/contract-suite";
import { startRunwayFake } from "@/e2e/fakes/providers/runway";
import { createRunwayProvider } from "@/lib/providers/runway";

runContractSuite({
  name: "runway",
  start: () => startRunwayFake(),
  make: (o) => createRunwayProvider(o),
  creds: (f) => ({ apiKey: f.apiKey, baseUrl: f.baseUrl }),
  leakyCreds: (f) => ({ apiKey: `key_${LEAKY_KEY}`, baseUrl: f.baseUrl }),
});
