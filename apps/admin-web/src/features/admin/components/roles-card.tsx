import { Card, List, Tag } from 'antd';
import { MessageKey, useI18n } from '@/i18n';
import type { User } from '../api/users-api';

const ROLES = ['admin', 'reviewer', 'auditor', 'operator'] as const;

/** Each role, what it may do, and who holds it. */
export function RolesCard({ users }: { users: User[] }) {
  const { t, n } = useI18n();
  return (
    <Card title={<h2 className="card-title">{t('admin.roles.title')}</h2>} data-testid="roles">
      <List
        itemLayout="vertical"
        dataSource={[...ROLES]}
        renderItem={(role) => {
          const holders = users.filter((u) => u.roles.includes(role));
          return (
            <List.Item key={role} data-role={role}>
              <List.Item.Meta
                title={<><Tag>{t(`role.${role}`)}</Tag> {t('admin.roles.holders', { n: n(holders.length) })}</>}
                description={t(`admin.roles.${role}` as MessageKey)}
              />
              {holders.length > 0 && <span className="role-holders">{holders.map((u) => u.displayName || u.username).join(', ')}</span>}
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
