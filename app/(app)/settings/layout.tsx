import { PageHeader } from "@/components/ui/primitives";
import { SettingsTabs } from "@/components/settings/settings-tabs";

export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div>
      <PageHeader title="Settings" description="Providers, budgets, integrations and people for this workspace." />
      <SettingsTabs />
      {children}
    </div>
  );
}
