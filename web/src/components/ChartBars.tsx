import { BarChart, type BarSeriesOption } from "echarts/charts";
import {
  AriaComponent,
  type AriaComponentOption,
  GridComponent,
  type GridComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from "echarts/components";
import { type ComposeOption, type EChartsType, init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

use([BarChart, GridComponent, TooltipComponent, AriaComponent, SVGRenderer]);

type Option = ComposeOption<
  BarSeriesOption | GridComponentOption | TooltipComponentOption | AriaComponentOption
>;

export interface Bar {
  label: string;
  value: number | null;
}

/**
 * A bar chart (ECharts, SVG). The chart carries a text description for screen readers (`aria`),
 * and every caller also shows the same numbers as text, so the picture is never the only carrier.
 */
export function ChartBars({
  bars,
  description,
  valueName,
  horizontal = false,
  height = 260,
}: {
  bars: Bar[];
  /** What a screen reader hears instead of the picture (ECharts puts it in aria-label). */
  description: string;
  valueName: string;
  horizontal?: boolean;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = init(el, undefined, { renderer: "svg" });
    chartRef.current = chart;
    const ro = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(() => chart.resize());
    ro?.observe(el);
    return () => {
      ro?.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);
  // Set the option again only when what it shows changes, not on every render.
  const spec = JSON.stringify({ bars, description, valueName, horizontal });
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    const { bars, description, valueName, horizontal } = JSON.parse(spec) as {
      bars: Bar[];
      description: string;
      valueName: string;
      horizontal: boolean;
    };
    const labels = bars.map((b) => b.label);
    const category = {
      type: "category" as const,
      data: labels,
      axisLabel: { color: "#1f2328", interval: 0, overflow: "truncate" as const, width: 120 },
    };
    const value = { type: "value" as const, name: valueName, axisLabel: { color: "#1f2328" } };
    const option: Option = {
      aria: { enabled: true, label: { description } },
      tooltip: { trigger: "axis" },
      grid: { left: horizontal ? 130 : 50, right: 30, top: 30, bottom: 40, containLabel: false },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? { ...category, inverse: true } : value,
      series: [
        {
          type: "bar",
          name: valueName,
          data: bars.map((b) => b.value),
          itemStyle: { color: "#0b57d0" },
          label: { show: true, position: horizontal ? "right" : "top", color: "#1f2328" },
          barMaxWidth: 48,
        },
      ],
    };
    chart.setOption(option, true);
  }, [spec]);
  return <div ref={ref} className="sc-chart-canvas" style={{ height }} />;
}
