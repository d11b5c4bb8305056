"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCents } from "@/lib/format";
import { providerColor, providerName, shortDay, useChartTheme } from "./theme";

export interface SpendDay { day: string; totalCents: number; byProvider: Record<string, number> }

/** Daily spend, one stacked bar per day, a segment per provider. */
export default function SpendChart({ days, providers }: { days: SpendDay[]; providers: string[] }) {
  const t = useChartTheme();
  const data = days.map((d) => ({ day: d.day, ...Object.fromEntries(providers.map((p) => [p, d.byProvider[p] ?? 0])) }));
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke={t.grid} />
        <XAxis dataKey="day" tickFormatter={shortDay} tick={{ fill: t.axis, fontSize: 12 }} axisLine={false} tickLine={false} minTickGap={24} />
        <YAxis tickFormatter={(v: number) => formatCents(v).replace(/\.00$/, "")} tick={{ fill: t.axis, fontSize: 12 }} axisLine={false} tickLine={false} width={56} allowDecimals={false} />
        <Tooltip
          cursor={{ fill: t.cursor }}
          contentStyle={{ background: t.tooltipBg, border: `1px solid ${t.tooltipBorder}`, borderRadius: 12, color: t.text, fontSize: 12 }}
          labelStyle={{ color: t.text, fontWeight: 600 }}
          labelFormatter={(d) => shortDay(String(d))}
          formatter={(v, name) => [formatCents(Number(v)), providerName(String(name))]}
        />
        <Legend formatter={(v) => <span style={{ color: t.axis, fontSize: 12 }}>{providerName(String(v))}</span>} iconType="circle" iconSize={8} />
        {providers.map((p, i) => (
          <Bar key={p} dataKey={p} stackId="spend" fill={providerColor(p)} radius={i === providers.length - 1 ? [4, 4, 0, 0] : 0} maxBarSize={28} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
