"use client";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCents } from "@/lib/format";
import { shortDay, useChartTheme } from "@/components/charts/theme";

export interface SpendViewsDay { day: string; spendCents: number; views: number }

/** Spend per day (bars, left axis) against views gained on the platforms (line, right axis). */
export default function SpendViewsChart({ days }: { days: SpendViewsDay[] }) {
  const t = useChartTheme();
  return (
    <ResponsiveContainer width="100%" height={260}>
      <ComposedChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke={t.grid} />
        <XAxis dataKey="day" tickFormatter={shortDay} tick={{ fill: t.axis, fontSize: 12 }} axisLine={false} tickLine={false} minTickGap={24} />
        <YAxis yAxisId="spend" tickFormatter={(v: number) => formatCents(v).replace(/\.00$/, "")} tick={{ fill: t.axis, fontSize: 12 }} axisLine={false} tickLine={false} width={56} allowDecimals={false} />
        <YAxis yAxisId="views" orientation="right" tick={{ fill: t.axis, fontSize: 12 }} axisLine={false} tickLine={false} width={56} allowDecimals={false} />
        <Tooltip
          cursor={{ fill: t.cursor }}
          contentStyle={{ background: t.tooltipBg, border: `1px solid ${t.tooltipBorder}`, borderRadius: 12, color: t.text, fontSize: 12 }}
          labelStyle={{ color: t.text, fontWeight: 600 }}
          labelFormatter={(d) => shortDay(String(d))}
          formatter={(v, name) => (name === "spendCents" ? [formatCents(Number(v)), "Spend"] : [String(v), "Views"])}
        />
        <Legend formatter={(v) => <span style={{ color: t.axis, fontSize: 12 }}>{v === "spendCents" ? "Spend" : "Views"}</span>} iconType="circle" iconSize={8} />
        <Bar yAxisId="spend" dataKey="spendCents" fill="#6366f1" radius={[4, 4, 0, 0]} maxBarSize={28} />
        <Line yAxisId="views" dataKey="views" type="monotone" stroke="#10b981" strokeWidth={2} dot={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
