import { useT } from '../useT';
import { useUiStore } from '../../state/uiStore';

/** What the current environment is for and what changed from the previous one. */
export function SceneInfo() {
  const t = useT();
  const scene = useUiStore((s) => s.scene);
  return (
    <section className="inspector" aria-labelledby="scene-info-title">
      <h2 id="scene-info-title">{t(`scenes.${scene}.title`)}</h2>
      <p className="inspector__lead">{t(`scenes.${scene}.purpose`)}</p>
      <h3>{t('sceneInfo.audience')}</h3>
      <p>{t(`scenes.${scene}.audience`)}</p>
      <h3>{t('sceneInfo.changes')}</h3>
      <p>{t(`scenes.${scene}.changes`)}</p>
      <p className="inspector__hint">{t('sceneInfo.hint')}</p>
    </section>
  );
}
