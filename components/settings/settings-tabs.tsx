"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/components/ui/primitives";

export const SETTINGS_TABS = [
  { href: "/settings/providers", label: "Providers" },
  { href: "/settings/budgets", label: "Budgets" },
  { href: "/settings/brand", label: "Brand" },
  { href: "/settings/templates", label: "Templates" },
  { href: "/settings/webhooks", label: "Webhooks" },
  { href: "/settings/accounts", label: "Connected accounts" },
  { href: "/settings/api-keys", label: "API keys" },
  { href: "/settings/members", label: "Members" },
  { href: "/settings/workspace", label: "Workspace" },
  { href: "/settings/plan", label: "Plan" },
];

export function SettingsTabs() {
  const path = usePathname();
  return (
    <nav aria-label="Settings sections" className="-mx-4 mb-8 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <ul className="flex min-w-max gap-1 rounded-xl bg-slate-100 p-1 dark:bg-slate-900 dark:ring-1 dark:ring-slate-800">
        {SETTINGS_TABS.map((t) => {
          const active = path === t.href || path.startsWith(`${t.href}/`);
          return (
            <li key={t.href}>
              <Link
                href={t.href}
                aria-current={active ? "page" : undefined}
                className={cx(
                  "block rounded-lg px-3.5 py-2 text-sm font-medium transition",
                  active
                    ? "bg-white text-slate-900 shadow-sm dark:bg-slate-800 dark:text-white"
                    : "text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white",
                )}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
