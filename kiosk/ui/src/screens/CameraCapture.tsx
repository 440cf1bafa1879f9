import { useEffect, useRef, useState } from 'preact/hooks';
import { CameraError, type CameraProblem } from '../camera/document-camera.ts';
import { useFlow, useServices, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';

/**
 * The document camera, inline on the materials screen (no pop-up). The stream runs only while
 * this is on screen; the captured JPEG goes straight to the upload and is not kept here.
 */
export function CameraCapture({
  name,
  onCaptured,
  onCancel,
  onSkip,
}: {
  name: string;
  onCaptured: (jpeg: Blob) => void;
  onCancel: () => void;
  /** Offered when the camera fails; absent where the document cannot be left out. */
  onSkip?: () => void;
}) {
  const { camera } = useServices();
  const { busy } = useFlow();
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [phase, setPhase] = useState<'starting' | 'live' | CameraProblem>('starting');
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
    let cancelled = false;
    const el = video.current;
    if (!el) return;
    camera
      .start(el)
      .then(() => !cancelled && setPhase('live'))
      .catch(
        (e: unknown) => !cancelled && setPhase(e instanceof CameraError ? e.problem : 'failed'),
      );
    return () => {
      cancelled = true;
      camera.stop();
      el.srcObject = null;
    };
  }, [camera]);

  const shoot = async () => {
    const el = video.current;
    if (!el) return;
    try {
      onCaptured(await camera.capture(el));
    } catch (e) {
      setPhase(e instanceof CameraError ? e.problem : 'failed');
    }
  };

  const problem = phase !== 'starting' && phase !== 'live' ? phase : null;
  return (
    <section class="camera" aria-labelledby="camera-h">
      <h2 id="camera-h" ref={heading} tabIndex={-1}>
        <Icon name="camera" /> {t('materials.cameraTitle', { name })}
      </h2>
      <p>{t('materials.cameraInstruction')}</p>
      <video
        ref={video}
        class="camera-view"
        playsInline
        muted
        aria-label={t('materials.cameraPreview')}
      />
      {phase === 'starting' && <Message tone="pending">{t('materials.cameraStarting')}</Message>}
      {problem && <Message tone="warning">{t(`materials.camera.${problem}`)}</Message>}
      {busy === 'upload' && <Message tone="pending">{t('busy.working')}</Message>}
      <div class="button-row">
        {phase === 'live' && (
          <button
            type="button"
            class="btn btn-primary btn-large"
            disabled={busy === 'upload'}
            onClick={() => void shoot()}
          >
            <Icon name="camera" /> {t('materials.shoot')}
          </button>
        )}
        {problem && onSkip && (
          <button type="button" class="btn btn-primary" onClick={onSkip}>
            {t('materials.skip', { name })}
          </button>
        )}
        <button type="button" class="btn btn-secondary" onClick={onCancel}>
          {t('materials.cancelCamera')}
        </button>
      </div>
    </section>
  );
}
