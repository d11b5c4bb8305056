import { runContractSuite, LEAKY_KEY } from "@/e2e/fakes/providers/contract-suite";
import { startKlingFake } from "@/e2e/fakes/providers/kling";
import { createKlingProvider } from "@/lib/providers/kling";

// Current models with an API key (the default model, kling-2.6).
runContractSuite({
  name: "kling",
  start: () => startKlingFake(),
  make: (o) => createKlingProvider(o),
  creds: (f) => ({ apiKey: f.apiKey, baseUrl: f.baseUrl }),
  leakyCreds: (f) => ({ apiKey: LEAKY_KEY, baseUrl: f.baseUrl }),
});
