import { digestCard, type DigestView } from '../../cards/views/report-cards.ts';
import type { TypeOrmReportImages } from '../../storage/reports/typeorm-report-images.ts';
import { renderIncidentChart } from './incident-chart.ts';

export const CHART_PATH = '/reports/chart';

/** Without PUBLIC_URL no platform can fetch the image: the card says so and stays complete in text. */
export function digestView(images: TypeOrmReportImages, publicUrl: string | undefined, now: () => Date): DigestView {
  return async (t, digest, directory) => {
    if (!publicUrl) return digestCard(t, digest, directory, 'no-public-url');
    const token = await images.store(renderIncidentChart(t, digest), now().toISOString());
    return digestCard(t, digest, directory, { url: `${publicUrl}${CHART_PATH}/${token}.png` });
  };
}
