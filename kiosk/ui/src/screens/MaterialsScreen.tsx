import { useEffect, useState } from 'preact/hooks';
import { joinList } from '../i18n/format.ts';
import { pick } from '../i18n/strings.ts';
import { useFlow, useServices, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';
import { ScreenLayout } from '../ui/ScreenLayout.tsx';
import { CameraCapture } from './CameraCapture.tsx';

/** 一套材料: 免提交 ones are attached; the rest photographed with the document camera or skipped. */
export function MaterialsScreen() {
  const { session } = useServices();
  const s = useFlow();
  const t = useT();
  const [capturing, setCapturing] = useState<string | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  // when the camera closes, focus returns to the document it was for, not to the page's top
  const [returnTo, setReturnTo] = useState<string | null>(null);
  useEffect(() => {
    if (capturing === null && returnTo) document.getElementById(`mat-${returnTo}`)?.focus();
  }, [capturing, returnTo]);
  const closeCamera = (id: string) => {
    setReturnTo(id);
    setCapturing(null);
  };
  const form = s.form;
  if (!form) return null;
  const itemName = (code: string) => {
    const i = s.notice?.items.find((x) => x.code === code);
    return i ? pick(s.lang, i.name) : code;
  };
  const active = form.materials.find((m) => m.id === capturing);

  const captured = async (id: string, jpeg: Blob) => {
    if (jpeg.size > session.config.maxUploadBytes) {
      setTooLarge(true);
      return;
    }
    setTooLarge(false);
    await session.materials.uploadMaterial(id, jpeg, 'image/jpeg');
    if (session.state.materials[id]?.state === 'captured') closeCamera(id);
  };

  return (
    <ScreenLayout
      name="materials"
      title={t('materials.title')}
      intro={t('materials.intro')}
      actions={
        !active && (
          <button
            type="button"
            class="btn btn-primary btn-large"
            onClick={() => session.materials.materialsDone()}
          >
            {t('materials.continue')}
          </button>
        )
      }
    >
      {form.materials.length === 0 && <Message tone="info">{t('materials.none')}</Message>}
      {active && (
        <>
          {tooLarge && <Message tone="warning">{t('materials.tooLarge')}</Message>}
          <CameraCapture
            name={pick(s.lang, active.name)}
            onCaptured={(jpeg) => void captured(active.id, jpeg)}
            onCancel={() => closeCamera(active.id)}
            onSkip={() => {
              session.materials.skipMaterial(active.id);
              closeCamera(active.id);
            }}
          />
        </>
      )}
      {!active && (
        <ul class="material-list">
          {form.materials.map((m) => {
            const name = pick(s.lang, m.name);
            const st = s.materials[m.id];
            return (
              <li key={m.id} class="material">
                <h2 class="material-name" id={`mat-${m.id}`} tabIndex={-1}>
                  <Icon name="doc" /> {name}
                </h2>
                <p class="note">
                  {t('notice.materialCount', { form: t(`material.${m.form}`), count: m.count })}
                  {m.requiredBy.length > 0 &&
                    ` · ${t('notice.requiredBy', { items: joinList(m.requiredBy.map(itemName), s.lang) })}`}
                </p>
                {m.attached ? (
                  <p class="tag tag-ok">
                    <Icon name="check" /> {t('materials.attached')}
                  </p>
                ) : st?.state === 'captured' ? (
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
                      onClick={() => setCapturing(m.id)}
                    >
                      <Icon name="camera" /> {t('materials.retake', { name })}
                    </button>
                  </div>
                ) : st?.state === 'skipped' ? (
                  <div>
                    <p class="tag">
                      <Icon name="info" /> {t('materials.skipped')}
                    </p>
                    <p class="note">{t('materials.skipConsequence')}</p>
                    <button
                      type="button"
                      class="btn btn-secondary"
                      onClick={() => session.materials.clearMaterial(m.id)}
                    >
                      {t('materials.undoSkip', { name })}
                    </button>
                  </div>
                ) : (
                  <div>
                    <p class="tag tag-todo">
                      <Icon name="clock" /> {t('materials.needed')}
                    </p>
                    <div class="button-row">
                      <button
                        type="button"
                        class="btn btn-primary"
                        onClick={() => setCapturing(m.id)}
                      >
                        <Icon name="camera" /> {t('materials.capture', { name })}
                      </button>
                      <button
                        type="button"
                        class="btn btn-secondary"
                        aria-describedby={`skip-${m.id}`}
                        onClick={() => session.materials.skipMaterial(m.id)}
                      >
                        {t('materials.skip', { name })}
                      </button>
                    </div>
                    <p class="note" id={`skip-${m.id}`}>
                      {t('materials.skipConsequence')}
                    </p>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </ScreenLayout>
  );
}
