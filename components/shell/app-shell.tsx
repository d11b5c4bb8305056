"use client";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { signOut } from "next-auth/react";
import { NavIcon } from "./nav-icons";
import { ThemeToggle } from "./theme-toggle";
import { ConnectionStatus } from "./connection-status";
import { switchWorkspaceAction } from "@/app/(app)/actions";
import { cx } from "@/components/ui/primitives";

interface Ws { id: string; name: string; plan: string }

const NAV = [
  { href: "/", label: "Overview", icon: "home" },
  { href: "/create", label: "Create", icon: "create" },
  { href: "/videos", label: "Videos", icon: "videos" },
  { href: "/research", label: "Research", icon: "research" },
  { href: "/campaigns", label: "Campaigns", icon: "campaigns" },
  { href: "/analytics", label: "Analytics", icon: "analytics" },
  { href: "/settings", label: "Settings", icon: "settings" },
];

function useOutsideClose(open: boolean, close: () => void) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => ref.current && !ref.current.contains(e.target as Node) && close();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && close();
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open, close]);
  return ref;
}

function PlanBadge({ plan }: { plan: string }) {
  return (
    <span className={cx("rounded-full px-1.5 py-0.5 text-[10px] font-semibold uppercase tracking-wide",
      plan === "enterprise" ? "bg-amber-100 text-amber-800" : plan === "pro" ? "bg-brand-100 text-brand-700" : "bg-slate-200 text-slate-600 dark:bg-slate-700 dark:text-slate-300")}>
      {plan}
    </span>
  );
}

function WorkspaceSwitcher({ current, all }: { current: Ws; all: Ws[] }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const ref = useOutsideClose(open, () => setOpen(false));
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-label="Switch workspace"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="flex w-full items-center gap-3 rounded-xl px-2 py-2 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
      >
        <span className="brand-gradient flex h-8 w-8 shrink-0 items-center justify-center rounded-lg text-sm font-bold text-white">
          {current.name.slice(0, 1).toUpperCase()}
        </span>
        <span className="min-w-0 flex-1">
          {/* Two lines before it clips, and the whole name on hover: workspaces are often named alike. */}
          <span className="line-clamp-2 break-words text-sm font-semibold leading-snug" title={current.name}>{current.name}</span>
          <PlanBadge plan={current.plan} />
        </span>
        <svg aria-hidden className="h-4 w-4 text-slate-400" viewBox="0 0 20 20" fill="currentColor"><path d="M6 8l4-4 4 4H6zm0 4h8l-4 4-4-4z" /></svg>
      </button>
      {open ? (
        <ul aria-label="Workspaces" className="absolute left-0 z-30 mt-1 w-max min-w-full max-w-[min(24rem,calc(100vw-2rem))] rounded-xl bg-white p-1 shadow-lg ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-700">
          {all.map((w) => (
            <li key={w.id}>
              <button
                type="button"
                aria-current={w.id === current.id ? "true" : undefined}
                className="flex w-full items-center justify-between gap-3 rounded-lg px-3 py-2 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
                onClick={async () => {
                  setOpen(false);
                  if (w.id !== current.id) {
                    await switchWorkspaceAction(w.id);
                    router.refresh();
                  }
                }}
              >
                <span className="min-w-0 break-words text-left" title={w.name}>{w.name}</span>
                {w.id === current.id ? <span aria-hidden>✓</span> : <PlanBadge plan={w.plan} />}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function UserMenu({ user }: { user: { name: string; email: string } }) {
  const [open, setOpen] = useState(false);
  const ref = useOutsideClose(open, () => setOpen(false));
  const initials = user.name.split(/\s+/).map((p) => p[0]).slice(0, 2).join("").toUpperCase();
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-label="User menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="flex h-9 w-9 items-center justify-center rounded-full bg-slate-900 text-xs font-semibold text-white ring-2 ring-white dark:bg-white dark:text-slate-900 dark:ring-slate-900"
      >
        {initials}
      </button>
      {open ? (
        <div role="menu" className="absolute right-0 z-30 mt-2 w-60 rounded-xl bg-white p-1 shadow-lg ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-700">
          <div className="px-3 py-2">
            <p className="truncate text-sm font-semibold">{user.name}</p>
            <p className="truncate text-xs text-slate-600 dark:text-slate-400">{user.email}</p>
          </div>
          <Link role="menuitem" href="/settings" className="block rounded-lg px-3 py-2 text-sm hover:bg-slate-100 dark:hover:bg-slate-800" onClick={() => setOpen(false)}>
            Settings
          </Link>
          <button role="menuitem" type="button" onClick={() => signOut({ callbackUrl: "/sign-in" })} className="block w-full rounded-lg px-3 py-2 text-left text-sm text-red-600 hover:bg-red-50 dark:hover:bg-red-500/10">
            Sign out
          </button>
        </div>
      ) : null}
    </div>
  );
}

export function AppShell({ user, workspace, workspaces, children }: { user: { name: string; email: string }; workspace: Ws; workspaces: Ws[]; children: React.ReactNode }) {
  const pathname = usePathname();
  const [mobileOpen, setMobileOpen] = useState(false);
  const isActive = (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));
  const nav = (
    <nav aria-label="Main" className="flex flex-col gap-1">
      {NAV.map((n) => (
        <Link
          key={n.href}
          href={n.href}
          onClick={() => setMobileOpen(false)}
          aria-current={isActive(n.href) ? "page" : undefined}
          className={cx(
            "flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition",
            isActive(n.href)
              ? "bg-brand-50 text-brand-700 dark:bg-brand-500/15 dark:text-brand-200"
              : "text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white",
          )}
        >
          <NavIcon name={n.icon} />
          {n.label}
        </Link>
      ))}
    </nav>
  );
  return (
    <div className="relative min-h-screen lg:pl-64">
      {/* The sidebar is fixed, so it is only one screen tall; this backdrop runs the page's full
          height so a full-page capture (and any overscroll) shows the sidebar column to the end. */}
      <div aria-hidden className="pointer-events-none absolute inset-y-0 left-0 hidden w-64 border-r border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900 lg:block" />
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-3 focus:z-50 focus:rounded-lg focus:bg-white focus:px-4 focus:py-2 focus:text-sm focus:font-semibold focus:text-brand-700 focus:shadow-lg focus:ring-2 focus:ring-brand-500 dark:focus:bg-slate-900 dark:focus:text-brand-200"
      >
        Skip to content
      </a>
      <aside className="fixed inset-y-0 left-0 z-20 hidden w-64 flex-col overflow-y-auto border-r border-slate-200 bg-white px-4 py-5 dark:border-slate-800 dark:bg-slate-900 lg:flex">
        <Link href="/" className="mb-6 flex items-center gap-2 px-2 text-base font-semibold">
          <span className="brand-gradient flex h-8 w-8 items-center justify-center rounded-lg text-white">▶</span>
          Avatar Studio
        </Link>
        <WorkspaceSwitcher current={workspace} all={workspaces} />
        <div className="mt-6 flex-1">{nav}</div>
        <Link href="/create" className="brand-gradient rounded-xl p-4 text-white shadow-sm">
          <p className="text-sm font-semibold">New video</p>
          <p className="mt-1 text-xs text-white/80">Pick a presenter, paste a script, done in minutes.</p>
        </Link>
      </aside>
      {mobileOpen ? (
        <div className="fixed inset-0 z-40 lg:hidden">
          <div className="absolute inset-0 bg-slate-900/40" onClick={() => setMobileOpen(false)} />
          <div className="absolute inset-y-0 left-0 w-72 bg-white p-4 shadow-xl dark:bg-slate-900">
            <WorkspaceSwitcher current={workspace} all={workspaces} />
            <div className="mt-4">{nav}</div>
          </div>
        </div>
      ) : null}
      <header className="sticky top-0 z-10 flex h-16 items-center gap-3 border-b border-slate-200 bg-white/80 px-4 backdrop-blur dark:border-slate-800 dark:bg-slate-950/80 sm:px-8">
        <button type="button" aria-label="Open navigation" className="rounded-lg p-2 hover:bg-slate-100 dark:hover:bg-slate-800 lg:hidden" onClick={() => setMobileOpen(true)}>
          <svg aria-hidden className="h-5 w-5" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2"><path d="M4 6h16M4 12h16M4 18h16" /></svg>
        </button>
        <p className="min-w-0 truncate text-sm text-slate-600 lg:hidden dark:text-slate-400" title={workspace.name}>{workspace.name}</p>
        <div className="ml-auto flex items-center gap-2">
          <ThemeToggle />
          <UserMenu user={user} />
        </div>
      </header>
      <div className="sticky top-16 z-10">
        <ConnectionStatus />
      </div>
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-8 outline-none sm:px-8">
        {children}
      </main>
    </div>
  );
}
