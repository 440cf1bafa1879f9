import type { WorkbenchMaterial } from '@onething/contract/rest/workbench';
import { materialFilePath } from '@onething/contract/rest/workbench-routes';
import { useT } from '../i18n/i18n.tsx';
import { pick } from '../i18n/strings.ts';
import { colon } from './workbench-words.ts';

/**
 * The materials of my items: a preview of each file (image inline, PDF framed from the same
 * origin), the 免提交 licences as verified references, and what was never handed in.
 */
export function MaterialList({
  caseNumber,
  materials,
}: {
  caseNumber: string;
  materials: WorkbenchMaterial[];
}) {
  const { t, lang } = useT();
  return (
    <>
      <h3>{t('bench_materials')}</h3>
      <ul class="bench-materials">
        {materials.map((m) => {
          const name = pick(lang, m.name);
          const href = m.uploadId ? materialFilePath(caseNumber, m.uploadId) : null;
          return (
            <li key={m.code} class={`bench-material bench-material-${m.held}`}>
              <h4>
                {name}
                {m.supplied && <span class="badge">{t('bench_material_supplied')}</span>}
              </h4>
              {m.held === 'licence' && (
                <p>
                  <span aria-hidden="true">✔ </span>
                  {t('bench_material_licence')}
                  {m.licence && (
                    <>
                      {colon(lang)}
                      {pick(lang, m.licence.name)} ·{' '}
                      {t('bench_licence_number').replace('{n}', m.licence.number)}
                    </>
                  )}
                </p>
              )}
              {m.held === 'missing' && (
                <p>
                  <span aria-hidden="true">✖ </span>
                  {t('bench_material_missing')}
                </p>
              )}
              {href && m.mediaType === 'application/pdf' && (
                <iframe
                  class="bench-preview"
                  src={href}
                  title={t('bench_material_pdf').replace('{name}', name)}
                />
              )}
              {href && m.mediaType !== 'application/pdf' && (
                <img
                  class="bench-preview"
                  src={href}
                  alt={t('bench_material_image').replace('{name}', name)}
                />
              )}
              {href && (
                <p>
                  <a href={href} target="_blank" rel="noopener">
                    {t('bench_material_open')}
                  </a>
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
