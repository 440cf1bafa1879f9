import { useState } from 'preact/hooks';
import { pick } from '../i18n/strings.ts';
import { useFlow, useServices, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';
import { ScreenLayout } from '../ui/ScreenLayout.tsx';
import { CameraCapture } from './CameraCapture.tsx';

/**
 * 补正 at the kiosk: the applicant, identified by their card, photographs each document a
 * department asked for and sends them together (the server checks the card is the applicant's).
 */
export function CorrectionSupplyScreen() {
  const { session } = useServices();
  const s = useFlow();
  const t = useT();
  const [capturing, setCapturing] = useState<string | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const [incomplete, setIncomplete] = useState(false);
  const v = s.status.view;
  if (!v) return null;
  // Each document once, even when two departments ask for it.
  const wanted = new Map<string, string>();
  for (const sub of v.subCases)
    if (sub.correction && sub.correction.suppliedAt === null)
      for (const m of sub.correction.materials) wanted.set(m.code, pick(s.lang, m.name));
  const active = capturing ? wanted.get(capturing) : undefined;
  const captured = async (code: string, jpeg: Blob) => {
    if (jpeg.size > session.config.maxUploadBytes) {
      setTooLarge(true);
      return;
    }
    setTooLarge(false);
    await session.materials.uploadMaterial(code, jpeg, 'image/jpeg');
    if (session.state.materials[code]?.state === 'captured') setCapturing(null);
  };
  const send = () => {
    const missing = [...wanted.keys()].some((code) => s.materials[code]?.state !== 'captured');
    setIncomplete(missing);
    if (!missing) void session.status.supplyCorrection();
  };
  return (
    <ScreenLayout
      name="correctionSupply"
      title={t('bench.supply.title')}
      intro={t('bench.supply.intro')}
      actions={
        !active && (
          <button
            type="button"
            class="btn btn-primary btn-large"
            disabled={s.busy === 'submit'}
            onClick={send}
          >
            <Icon name="check" /> {s.busy === 'submit' ? t('busy.working') : t('bench.supply.send')}
          </button>
        )
      }
    >
      {incomplete && <Message tone="warning">{t('bench.supply.allNeeded')}</Message>}
      {active && capturing && (
        <>
          {tooLarge && <Message tone="warning">{t('materials.tooLarge')}</Message>}
          <CameraCapture
            name={active}
            onCaptured={(jpeg) => void captured(capturing, jpeg)}
            onCancel={() => setCapturing(null)}
          />
        </>
      )}
      {!active && (
        <ul class="material-list">
          {[...wanted].map(([code, name]) => {
            const st = s.materials[code];
            return (
              <li key={code} class="material">
                <h2 class="material-name">
                  <Icon name="doc" /> {name}
                </h2>
                {st?.state === 'captured' ? (
                  <div class="material-captured">
                    <p class="tag tag-ok">
                      <Icon name="check" /> {t('materials.captured')}
                    </p>
                    {st.previewUrl && (
                      <img
                        class="thumb"
                        src={st.previewUrl}
                        alt={t('materials.preview', { name })}
                      />
                    )}
                    <button
                      type="button"
                      class="btn btn-secondary"
                      onClick={() => setCapturing(code)}
                    >
                      <Icon name="camera" /> {t('materials.retake', { name })}
                    </button>
                  </div>
                ) : (
                  <button type="button" class="btn btn-primary" onClick={() => setCapturing(code)}>
                    <Icon name="camera" /> {t('materials.capture', { name })}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </ScreenLayout>
  );
}
