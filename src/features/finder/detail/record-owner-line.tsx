/**
 * "信息来源：<owner> · 更新于 <date>" and "信息有误？" under a service (issue 22). The owner and the contact
 * come from the stored manifest (through the data layer's useFeedMeta), never from a fetch of this view.
 */
import { useTranslation } from 'react-i18next';
import type { ServiceRecord } from '../../../data/feed-schema';
import { useFeedMeta } from '../../../data/use-feed-meta';
import { pickText, type Language } from '../../../i18n/languages';
import { CITY_HOTLINE_HREF, opensWebPage, recordOwner, reportProblemHref, updatedDay } from './record-owner';

export function RecordOwnerLine({ service, lang }: { service: ServiceRecord; lang: Language }) {
  const { t } = useTranslation('finder');
  const meta = useFeedMeta();
  const owner = recordOwner(service, meta?.manifest);
  const ownerName = owner.name ? pickText(owner.name, lang) : t(`detail.sourceKind.${service.source.kind}`);
  const recordName = service.name.zh === service.name.en ? service.name.zh : `${service.name.zh} / ${service.name.en}`;
  const href = reportProblemHref(owner.contact, {
    subject: t('detail.reportSubject', { name: recordName, id: service.id }),
    body: t('detail.reportBody', { name: recordName, id: service.id }),
  });
  const web = opensWebPage(href);
  return (
    <div className="finder-owner" data-testid="record-owner">
      <p className="finder-muted" data-testid="detail-source">
        {t('detail.ownerLine', { owner: ownerName, date: updatedDay(service.source.updated) })}
      </p>
      <p>
        <a
          href={href}
          className="finder-btn finder-report"
          data-testid="report-problem"
          {...(web ? { target: '_blank', rel: 'noopener noreferrer' } : {})}
        >
          {t('detail.reportProblem')}
          {href === CITY_HOTLINE_HREF && <span className="finder-ext"> ({t('detail.reportHotline')})</span>}
          {web && <span className="finder-ext"> ({t('detail.external')})</span>}
        </a>
      </p>
    </div>
  );
}
