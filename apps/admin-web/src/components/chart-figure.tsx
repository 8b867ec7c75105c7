import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

interface Props {
  /** What the chart shows, in words: screen readers read it in place of the drawing. */
  label: string;
  height: number;
  testId?: string;
  /** How many points are drawn (the browser tests read it). */
  points?: number;
  /** More data-* attributes for the tests (`{ lookups: 12 }` gives data-lookups="12"). */
  data?: Record<string, string | number>;
  /** One recharts chart (LineChart, BarChart, ComposedChart…), sized by the container. */
  children: ReactElement;
}

/** A chart as a figure: the image role with its summary in words, full width at the given height. */
export function ChartFigure({ label, height, testId, points, data, children }: Props) {
  const attributes = Object.fromEntries(Object.entries(data ?? {}).map(([name, value]) => [`data-${name}`, value]));
  return (
    <figure role="img" className="chart-figure" aria-label={label} data-testid={testId} data-points={points} {...attributes}>
      <ResponsiveContainer width="100%" height={height}>
        {children}
      </ResponsiveContainer>
    </figure>
  );
}
