"use client";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { providerColor, providerName, useChartTheme } from "./theme";

export interface ProviderRate { provider: string; successRate: number | null; succeeded: number; failed: number; timedOut: number }

/** Success rate per provider, as horizontal bars (0–100 %). */
export default function SuccessChart({ rows }: { rows: ProviderRate[] }) {
  const t = useChartTheme();
  const data = rows
    .filter((r) => r.successRate != null)
    .map((r) => ({ name: providerName(r.provider), provider: r.provider, rate: Math.round((r.successRate ?? 0) * 1000) / 10, detail: `${r.succeeded} ok · ${r.failed + r.timedOut} failed` }));
  return (
    <ResponsiveContainer width="100%" height={Math.max(120, data.length * 52 + 40)}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 48, bottom: 4, left: 8 }}>
        <CartesianGrid horizontal={false} stroke={t.grid} />
        <XAxis type="number" domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} tick={{ fill: t.axis, fontSize: 12 }} axisLine={false} tickLine={false} />
        <YAxis type="category" dataKey="name" tick={{ fill: t.axis, fontSize: 12 }} axisLine={false} tickLine={false} width={92} />
        <Tooltip
          cursor={{ fill: t.cursor }}
          contentStyle={{ background: t.tooltipBg, border: `1px solid ${t.tooltipBorder}`, borderRadius: 12, color: t.text, fontSize: 12 }}
          labelStyle={{ color: t.text, fontWeight: 600 }}
          formatter={(v, _n, item) => [`${v}% (${(item?.payload as { detail?: string })?.detail ?? ""})`, "Success rate"]}
        />
        <Bar dataKey="rate" radius={[0, 6, 6, 0]} maxBarSize={26}>
          {data.map((d) => <Cell key={d.provider} fill={providerColor(d.provider)} />)}
          <LabelList dataKey="rate" position="right" formatter={(v) => `${v}%`} style={{ fill: t.text, fontSize: 12, fontWeight: 600 }} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
