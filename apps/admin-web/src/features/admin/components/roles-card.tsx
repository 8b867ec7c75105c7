import { Card, Tag } from 'antd';
import { MessageKey, useI18n } from '@/i18n';
import type { User } from '../api/users-api';

const ROLES = ['admin', 'reviewer', 'auditor', 'operator'] as const;

/** Each role, what it may do, and who holds it. */
export function RolesCard({ users }: { users: User[] }) {
  const { t, n } = useI18n();
  return (
    <Card title={<h2 className="card-title">{t('admin.roles.title')}</h2>} data-testid="roles">
      <ul className="plain-list">
        {ROLES.map((role) => {
          const holders = users.filter((u) => u.roles.includes(role));
          return (
            <li key={role} data-role={role} className="role-item">
              <div>
                <Tag>{t(`role.${role}`)}</Tag> <strong>{t('admin.roles.holders', { n: n(holders.length) })}</strong>
              </div>
              <div className="card-intro">{t(`admin.roles.${role}` as MessageKey)}</div>
              {holders.length > 0 && <div className="role-holders">{holders.map((u) => u.displayName || u.username).join(', ')}</div>}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
