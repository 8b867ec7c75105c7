import { Typography } from 'antd';
import { ReactNode } from 'react';

/** A page's h1, its one-line purpose, and what acts on the whole page (on the right). */
export function PageHeader({ title, intro, extra }: { title: ReactNode; intro?: ReactNode; extra?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <Typography.Title level={1}>{title}</Typography.Title>
        {intro && <Typography.Text type="secondary">{intro}</Typography.Text>}
      </div>
      {extra}
    </div>
  );
}
