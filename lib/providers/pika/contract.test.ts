import { runContractSuite, LEAKY_KEY } from "@/e2e/fakes/providers/contract-suite";
import { startPikaFake } from "@/e2e/fakes/providers/pika";
import { createPikaProvider } from "@/lib/providers/pika";

runContractSuite({
  name: "pika",
  start: () => startPikaFake(),
  make: (o) => createPikaProvider(o),
  creds: (f) => ({ apiKey: f.apiKey, baseUrl: f.baseUrl }),
  leakyCreds: (f) => ({ apiKey: `${LEAKY_KEY}:secret-part`, baseUrl: f.baseUrl }),
});
