/**
 * `npm run providers:check` — checks every provider configured through the environment (and
 * PROVIDERS_CONFIG_FILE) with no spend: auth, balance, model exists, price. Prints one row per
 * provider; exits 1 when a provider that has keys fails its check.
 */
import { checkProvider, formatCheckTable } from "@/lib/providers/check";
import { envProviderDefaults, loadProvidersConfigFile, resolveProviderSettings } from "@/lib/providers/registry";

export async function runProvidersCheck(env: Record<string, string | undefined> = process.env, out: (s: string) => void = console.log): Promise<number> {
  const file = await loadProvidersConfigFile(env.PROVIDERS_CONFIG_FILE);
  const settings = resolveProviderSettings([], envProviderDefaults(env), file).filter((s) => s.providerId !== "local");
  const rows = await Promise.all(settings.map((s) => checkProvider(s.providerId, s.credentials, s.costModel)));
  out(formatCheckTable(rows));
  return rows.some((r) => r.auth === "failed") ? 1 : 0;
}

const isMain = process.argv[1] && /providers-check\.ts$/.test(process.argv[1]);
if (isMain) {
  runProvidersCheck().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(2);
    },
  );
}
