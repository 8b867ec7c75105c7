import { UserAddOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { formatDateTime, useI18n } from '@/i18n';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { User, useUsers } from '../api/users-api';
import { CreateUserDialog } from './create-user-dialog';
import { RolesCard } from './roles-card';

/** Quản trị: the console's users and their roles. */
export function UsersPage() {
  const { t } = useI18n();
  const users = useUsers();
  const [creating, setCreating] = useState(false);
  return (
    <Space direction="vertical" size="middle" className="full-width">
      <PageHeader
        title={t('menu.admin')}
        intro={t('admin.users.intro')}
        extra={
          <Button type="primary" icon={<UserAddOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('admin.users.create')}
          </Button>
        }
      />
      <QueryState isLoading={users.isLoading} error={users.error} isEmpty={users.data?.length === 0} onRetry={() => void users.refetch()}>
        <Table<User>
          rowKey="id"
          size="middle"
          tableLayout="fixed"
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          dataSource={users.data}
          data-testid="user-list"
          columns={[
            { title: t('auth.username'), dataIndex: 'username', ellipsis: true },
            { title: t('admin.users.displayName'), dataIndex: 'displayName', ellipsis: true },
            { title: t('admin.users.roles'), dataIndex: 'roles', render: (roles: User['roles']) => roles.map((r) => <Tag key={r}>{t(`role.${r}`)}</Tag>) },
            { title: t('alerts.filter.unit'), dataIndex: 'unitCode', width: 120, responsive: ['lg'], render: (v: string | null) => v ?? t('state.none') },
            {
              title: t('accounts.col.state'),
              width: 190,
              render: (_, u) => (
                <Space size={4} wrap>
                  <Tag className={u.status === 'active' ? 'state-active' : 'state-locked'}>{t(u.status === 'active' ? 'admin.users.active' : 'admin.users.disabled')}</Tag>
                  {u.mustChangePassword && <Tag>{t('admin.users.mustChange')}</Tag>}
                </Space>
              ),
            },
            { title: t('admin.users.lastSignIn'), dataIndex: 'lastSignInAt', width: 150, responsive: ['md'], render: (v: string | null) => (v ? formatDateTime(v) : t('state.none')) },
          ]}
        />
      </QueryState>
      {users.data && users.data.length > 0 && <RolesCard users={users.data} />}
      <CreateUserDialog open={creating} onClose={() => setCreating(false)} />
    </Space>
  );
}
