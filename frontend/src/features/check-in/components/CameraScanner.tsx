import { useEffect, useRef, useState } from 'react';
import { useT } from '@/i18n';
import { detectorClass } from './barcode';

const INTERVAL_MS = 300;

/** "Scan with camera": reads QR codes from the back camera until one is found. Render it only
 * where `cameraScanSupported()`; elsewhere the typed code is the way in. */
export function CameraScanner({ onCode }: { onCode: (code: string) => void }) {
  const t = useT();
  const [active, setActive] = useState(false);
  const [failed, setFailed] = useState(false);
  const videoRef = useRef<HTMLVideoElement>(null);
  const onCodeRef = useRef(onCode);

  useEffect(() => {
    onCodeRef.current = onCode;
  }, [onCode]);

  useEffect(() => {
    const Detector = detectorClass();
    if (!active || !Detector) return;
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let stopped = false;
    const stop = () => {
      stopped = true;
      window.clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
    const detector = new Detector({ formats: ['qr_code'] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (media) => {
        stream = media;
        const video = videoRef.current;
        if (stopped || !video) {
          stop();
          return;
        }
        video.srcObject = media;
        await video.play();
        let busy = false;
        timer = window.setInterval(() => {
          if (busy || stopped || video.readyState < 2) return;
          busy = true;
          detector
            .detect(video)
            .then((found) => {
              const code = found[0]?.rawValue;
              if (code && !stopped) {
                stop();
                setActive(false);
                onCodeRef.current(code);
              }
            })
            .catch(() => undefined)
            .finally(() => {
              busy = false;
            });
        }, INTERVAL_MS);
      })
      .catch(() => {
        setFailed(true);
        setActive(false);
      });
    return stop;
  }, [active]);

  return (
    <div className="door-camera">
      <button
        type="button"
        className="button"
        aria-pressed={active}
        onClick={() => {
          setFailed(false);
          setActive(!active);
        }}
      >
        {active ? t('door.camera.stop') : t('door.camera.start')}
      </button>
      {active ? (
        <video
          ref={videoRef}
          className="door-camera__video"
          muted
          playsInline
          aria-label={t('door.camera.view')}
        />
      ) : null}
      {failed ? (
        <p className="alert alert--error" role="alert">
          {t('door.camera.failed')}
        </p>
      ) : null}
    </div>
  );
}
