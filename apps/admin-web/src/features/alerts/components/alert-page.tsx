import { ArrowLeftOutlined, QuestionCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { formatDateTime, localDayOf, useI18n } from '@/i18n';
import { AccountActivityChart } from '@/components/account-activity-chart';
import { QueryState } from '@/components/query-state';
import { SeverityTag } from '@/components/severity-tag';
import { StatusTag } from '@/components/status-tag';
import { useAlert } from '../api/alerts-api';
import { useShortcuts } from '../hooks/use-shortcuts';
import { AlertEvidence } from './alert-evidence';
import { AlertHistory } from './alert-history';
import { alertTypeLabel } from './alert-type-label';
import { ShortcutsHelp } from './shortcuts-help';
import { TriageHandle, TriagePanel } from './triage-panel';

interface Props {
  me: { id: string; username: string };
  canTriage: boolean;
  canReadUsers: boolean;
  canSuppress: boolean;
  /** The accounts it is about link to their page. */
  canReadAccounts: boolean;
  /** "Mở sự cố": a breach incident opened from this alert (Sự cố page, prefilled from it). */
  canOpenIncident: boolean;
}

export function AlertPage({ me, canTriage, canReadUsers, canSuppress, canReadAccounts, canOpenIncident }: Props) {
  const { t, lang, n } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const alert = useAlert(id);
  const triage = useRef<TriageHandle>(null);
  const [help, setHelp] = useState(false);
  const location = useLocation();
  // Back to the queue as it was (its filters are in its address) when the user came from it.
  const back = () => (location.key !== 'default' ? navigate(-1) : navigate('/alerts'));

  useShortcuts({
    a: () => triage.current?.acknowledge(),
    c: () => triage.current?.focusComment(),
    t: () => triage.current?.resolve('true_positive'),
    f: () => triage.current?.resolve('false_positive'),
    e: () => triage.current?.resolve('expected'),
    u: () => navigate('/alerts'),
    '?': () => setHelp((h) => !h),
  });

  const a = alert.data;
  return (
    <Space direction="vertical" size="middle" className="full-width">
      <div className="page-header">
        <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={back} aria-keyshortcuts="u">
          {t('alert.back')}
        </Button>
        <Space wrap>
          {canOpenIncident && (
            <Button icon={<WarningOutlined aria-hidden />} onClick={() => navigate(`/incidents?alert=${encodeURIComponent(id)}`)}>
              {t('alert.openIncident')}
            </Button>
          )}
          <Button icon={<QuestionCircleOutlined aria-hidden />} onClick={() => setHelp(true)} aria-keyshortcuts="?">
            {t('layout.shortcuts')}
          </Button>
        </Space>
      </div>
      <QueryState isLoading={alert.isLoading} error={alert.error} onRetry={() => void alert.refetch()}>
        {a && (
          <>
            <div>
              <Space wrap align="center">
                <SeverityTag severity={a.severity} />
                <StatusTag status={a.status} />
              </Space>
              <Typography.Title level={1} className="alert-title">
                {alertTypeLabel(t, a.type)}
                {a.accountId ? ` · ${a.accountId}` : ''}
              </Typography.Title>
            </div>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={15}>
                <Space direction="vertical" size="middle" className="full-width">
                  <Card title={<h2 className="card-title">{t('alert.explanation')}</h2>}>
                    <Typography.Paragraph className="explanation" data-testid="explanation">
                      {lang === 'vi' ? a.explanationVi : a.explanationEn}
                    </Typography.Paragraph>
                    <Descriptions column={{ xs: 1, md: 2 }} size="small" title={<h3 className="card-subtitle">{t('alert.facts')}</h3>}>
                      <Descriptions.Item label={t('alerts.col.account')}>
                        {a.accountIds.length
                          ? a.accountIds.map((account, i) => (
                              <span key={account}>
                                {i > 0 && ', '}
                                {canReadAccounts ? <Link to={`/accounts/${encodeURIComponent(account)}`}>{account}</Link> : account}
                              </span>
                            ))
                          : t('state.none')}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('alerts.col.unit')}>{a.unitCode ?? t('state.none')}</Descriptions.Item>
                      <Descriptions.Item label={t('alert.window')}>
                        {formatDateTime(a.windowStart)} – {formatDateTime(a.windowEnd)}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('alert.occurredAt')}>{formatDateTime(a.occurredAt)}</Descriptions.Item>
                      <Descriptions.Item label={t('alert.sourceSystems')}>
                        {a.sourceSystems.length ? a.sourceSystems.join(', ') : t('state.none')}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('alert.score')}>{n(a.score)}</Descriptions.Item>
                      <Descriptions.Item label={t('alerts.col.assignee')}>{a.assigneeName ?? t('state.none')}</Descriptions.Item>
                      <Descriptions.Item label={t('alerts.col.occurrences')}>{n(a.occurrences)}</Descriptions.Item>
                    </Descriptions>
                  </Card>
                  <AlertEvidence alert={a} />
                  {a.accountId && <AccountActivityChart accountId={a.accountId} highlight={{ from: localDayOf(a.windowStart), to: localDayOf(new Date(Date.parse(a.windowEnd) - 1)) }} />}
                  <AlertHistory alert={a} />
                </Space>
              </Col>
              <Col xs={24} xl={9}>
                {canTriage && <TriagePanel ref={triage} alert={a} me={me} canReadUsers={canReadUsers} canSuppress={canSuppress} />}
              </Col>
            </Row>
          </>
        )}
      </QueryState>
      <ShortcutsHelp open={help} onClose={() => setHelp(false)} />
    </Space>
  );
}
