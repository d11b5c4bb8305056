import { runContractSuite, sampleRequest, LEAKY_KEY } from "@/e2e/fakes/providers/contract-suite";
import { startKlingFake } from "@/e2e/fakes/providers/kling";
import { createKlingProvider } from "@/lib/providers/kling";

// Clips on current models with an API key (the default model, kling-2.6).
runContractSuite({
  name: "kling",
  request: sampleRequest({ role: "clip" }),
  start: () => startKlingFake(),
  make: (o) => createKlingProvider(o),
  creds: (f) => ({ apiKey: f.apiKey, baseUrl: f.baseUrl }),
  leakyCreds: (f) => ({ apiKey: LEAKY_KEY, baseUrl: f.baseUrl }),
});

// The presenter role: Kling Avatar (TTS → avatar task) on the presenter's photo.
runContractSuite({
  name: "kling avatar",
  request: sampleRequest({ role: "presenter", avatar: { ...sampleRequest().avatar, imageUrl: "https://cdn.example/sarah.png", gender: "female" } }),
  start: () => startKlingFake(),
  make: (o) => createKlingProvider(o),
  creds: (f) => ({ apiKey: f.apiKey, baseUrl: f.baseUrl }),
  leakyCreds: (f) => ({ apiKey: LEAKY_KEY, baseUrl: f.baseUrl }),
});
