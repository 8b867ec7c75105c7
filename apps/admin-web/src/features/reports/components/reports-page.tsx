import { Col, Row } from 'antd';
import { PageHeader } from '@/components/page-header';
import { useI18n } from '@/i18n';
import { CitizenAccessCard } from './citizen-access-card';
import { GenerateReportCard } from './generate-report-card';
import { ReportArchive } from './report-archive';

interface Props {
  /** reports:write: an on-demand report. */
  canGenerate: boolean;
  /** reports:write and audit:search: a citizen's access report. */
  canReportAccess: boolean;
}

/** Báo cáo: the archive of reports to the Office and to citizens, an on-demand report, a citizen's access report. */
export function ReportsPage({ canGenerate, canReportAccess }: Props) {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('reports.title')} intro={t('reports.intro')} />
      {(canGenerate || canReportAccess) && (
        <Row gutter={[16, 16]} className="bottom-gap">
          {canGenerate && (
            <Col xs={24} xl={canReportAccess ? 10 : 24}>
              <GenerateReportCard />
            </Col>
          )}
          {canReportAccess && (
            <Col xs={24} xl={canGenerate ? 14 : 24}>
              <CitizenAccessCard />
            </Col>
          )}
        </Row>
      )}
      <ReportArchive />
    </>
  );
}
