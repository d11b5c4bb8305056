import { runContractSuite, LEAKY_KEY } from "@/e2e/fakes/providers/contract-suite";
import { startKlingFake } from "@/e2e/fakes/providers/kling";
import { createKlingProvider } from "@/lib/providers/kling";

runContractSuite({
  name: "kling",
  start: () => startKlingFake(),
  make: (o) => createKlingProvider(o),
  creds: (f) => ({ accessKey: f.accessKey, secretKey: f.secretKey, baseUrl: f.baseUrl }),
  leakyCreds: (f) => ({ accessKey: LEAKY_KEY, secretKey: `${LEAKY_KEY}-sk`, baseUrl: f.baseUrl }),
});
