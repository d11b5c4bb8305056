/**
 * Route-level schemas for provider settings: the service's own schema with the bounds issue 10
 * asks for (a huge centsPerUnit made every later estimate overflow). The service re-parses.
 */
import { z } from "zod";
import { PROVIDER_IDS } from "@/lib/providers/types";
import { providerSettingsInput } from "@/lib/providers/workspace";

export const providerParams = z.object({ id: z.enum(PROVIDER_IDS) });

export const providerSettingsBody = providerSettingsInput.extend({
  baseUrl: z.string().max(2048).url("Base URL must be a full URL like https://api.example.com").nullable().optional(),
  costModel: z
    .object({
      centsPerUnit: z.number().int().min(0).max(100_000, "centsPerUnit is at most 100000 ($1000 per unit)."),
      unitName: z.string().min(1).max(20),
      unitsPerSecond: z.number().min(0).max(1000),
      minUnits: z.number().int().min(0).max(100_000),
    })
    .partial()
    .nullable()
    .optional(),
});
