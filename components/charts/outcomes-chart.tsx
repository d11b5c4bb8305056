"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { shortDay, useChartTheme } from "./theme";

export interface OutcomeDay { day: string; total: number; completed: number; failed: number; rate: number | null }

/** Videos per day: completed vs failed, with other (queued, rendering, cancelled) on top. */
export default function OutcomesChart({ days }: { days: OutcomeDay[] }) {
  const t = useChartTheme();
  const data = days.map((d) => ({ day: d.day, completed: d.completed, failed: d.failed, other: d.total - d.completed - d.failed, rate: d.rate }));
  const names: Record<string, string> = { completed: "Completed", failed: "Failed or timed out", other: "In progress or cancelled" };
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke={t.grid} />
        <XAxis dataKey="day" tickFormatter={shortDay} tick={{ fill: t.axis, fontSize: 12 }} axisLine={false} tickLine={false} minTickGap={24} />
        <YAxis allowDecimals={false} tick={{ fill: t.axis, fontSize: 12 }} axisLine={false} tickLine={false} width={32} />
        <Tooltip
          cursor={{ fill: t.cursor }}
          contentStyle={{ background: t.tooltipBg, border: `1px solid ${t.tooltipBorder}`, borderRadius: 12, color: t.text, fontSize: 12 }}
          labelStyle={{ color: t.text, fontWeight: 600 }}
          labelFormatter={(d, payload) => {
            const rate = (payload?.[0]?.payload as { rate?: number | null } | undefined)?.rate;
            return `${shortDay(String(d))}${rate != null ? ` · ${Math.round(rate * 100)}% success` : ""}`;
          }}
          formatter={(v, n) => [String(v), names[String(n)] ?? String(n)]}
        />
        <Legend formatter={(v) => <span style={{ color: t.axis, fontSize: 12 }}>{names[String(v)]}</span>} iconType="circle" iconSize={8} />
        <Bar dataKey="completed" stackId="v" fill="#10b981" maxBarSize={28} />
        <Bar dataKey="failed" stackId="v" fill="#ef4444" maxBarSize={28} />
        <Bar dataKey="other" stackId="v" fill={t.dark ? "#475569" : "#cbd5e1"} radius={[4, 4, 0, 0]} maxBarSize={28} />
      </BarChart>
    </ResponsiveContainer>
  );
}
