import { useId } from 'react';
import { REQUEST_TYPES, type RequestType } from '../../core/sim/types';
import { REAL_TO_SIM, RPS_MAX, useSimStore } from '../../state/simStore';
import { useT } from '../useT';
import { useUiStore } from '../../state/uiStore';
import { formatNumber } from '../../i18n/number';

/** Speeds the slider steps through (1× = the classroom pace). */
const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 3, 5, 10] as const;

function nearestSpeedIndex(speed: number): number {
  let best = 0;
  SPEEDS.forEach((s, i) => {
    if (Math.abs(Math.log(s / speed)) < Math.abs(Math.log((SPEEDS[best] ?? 1) / speed))) best = i;
  });
  return best;
}

function formatSpeed(speed: number, lang: string): string {
  return `${formatNumber(speed, lang, 0, 2)}×`;
}

/** Play / Pause, Step, Reset, Speed, Requests per second and the traffic mix. */
export function Transport() {
  const t = useT();
  const lang = t('app.locale');
  const playing = useSimStore((s) => s.playing);
  const toggle = useSimStore((s) => s.toggle);
  const step = useSimStore((s) => s.step);
  const reset = useSimStore((s) => s.reset);
  const speed = useSimStore((s) => s.speed);
  const setSpeed = useSimStore((s) => s.setSpeed);
  const rps = useSimStore((s) => s.rps);
  const setRps = useSimStore((s) => s.setRps);
  const speedId = useId();
  const rpsId = useId();

  return (
    <div className="transport" role="group" aria-label={t('sim.transport')}>
      <button
        type="button"
        className={`btn btn--primary transport__play${playing ? ' is-playing' : ''}`}
        onClick={toggle}
        aria-keyshortcuts="Space"
      >
        <span aria-hidden="true" className="transport__glyph">
          {playing ? '❚❚' : '▶'}
        </span>
        {playing ? t('sim.pause') : t('sim.play')}
      </button>
      <button type="button" className="btn" onClick={step} title={t('sim.stepHint')}>
        <span aria-hidden="true" className="transport__glyph">
          ▶❘
        </span>
        {t('sim.step')}
      </button>
      <button type="button" className="btn" onClick={reset}>
        <span aria-hidden="true" className="transport__glyph">
          ↺
        </span>
        {t('sim.reset')}
      </button>
      <div className="slider">
        <label htmlFor={speedId}>{t('sim.speed')}</label>
        <input
          id={speedId}
          type="range"
          min={0}
          max={SPEEDS.length - 1}
          step={1}
          value={nearestSpeedIndex(speed)}
          aria-valuetext={formatSpeed(speed, lang)}
          onChange={(e) => setSpeed(SPEEDS[Number(e.target.value)] ?? 1)}
        />
        <output htmlFor={speedId} className="slider__value">
          {formatSpeed(speed, lang)}
        </output>
        <span className="slider__real" title={t('help.speed.term')}>
          {t('help.realTime', { x: formatNumber(speed * REAL_TO_SIM, lang, 0, 3) })}
        </span>
      </div>
      <div className="slider">
        <label htmlFor={rpsId} className="slider__label--long">
          {t('sim.rps')}
        </label>
        <input
          id={rpsId}
          type="range"
          min={0}
          max={RPS_MAX}
          step={10}
          value={rps}
          aria-valuetext={t('sim.rpsValue', { n: rps })}
          onChange={(e) => setRps(Number(e.target.value))}
        />
        <output htmlFor={rpsId} className="slider__value slider__value--wide">
          {/* Room for the widest value ("2,000"): the toolbar keeps its width, and the
              diagram its place, while the slider moves. */}
          <span className="slider__num">{formatNumber(rps, lang)}</span>
          <span className="slider__unit"> {t('sim.units.rps')}</span>
        </output>
      </div>
      <TrafficMix />
      <AnimationsSwitch />
    </div>
  );
}

const MIX_LABEL: Record<RequestType, 'sim.mix.static' | 'sim.mix.page' | 'sim.mix.api' | 'sim.mix.upload'> = {
  static: 'sim.mix.static',
  page: 'sim.mix.page',
  api: 'sim.mix.api',
  upload: 'sim.mix.upload',
};

function TrafficMix() {
  const t = useT();
  const mix = useSimStore((s) => s.mix);
  const setMix = useSimStore((s) => s.setMix);
  const total = REQUEST_TYPES.reduce((a, k) => a + mix[k], 0) || 1;
  return (
    <details className="mix">
      <summary className="btn">{t('sim.mix.title')}</summary>
      <div className="mix__panel" role="group" aria-label={t('sim.mix.title')}>
        <p className="mix__hint">{t('sim.mix.hint')}</p>
        {REQUEST_TYPES.map((k) => (
          <label key={k} className="mix__row">
            <span className={`mix__swatch mix__swatch--${k}`} aria-hidden="true" />
            <span className="mix__name">{t(MIX_LABEL[k])}</span>
            <input
              type="range"
              min={0}
              max={100}
              step={5}
              value={Math.round(mix[k] * 100)}
              aria-valuetext={`${Math.round((mix[k] / total) * 100)} %`}
              onChange={(e) => setMix({ [k]: Number(e.target.value) / 100 })}
            />
            <span className="mix__pct">{Math.round((mix[k] / total) * 100)} %</span>
          </label>
        ))}
      </div>
    </details>
  );
}

/** The explicit animations switch: off, packets give way to hop-by-hop highlighting. */
function AnimationsSwitch() {
  const t = useT();
  const on = useUiStore((s) => s.animations);
  const set = useUiStore((s) => s.setAnimations);
  return (
    <button type="button" className="btn" role="switch" aria-checked={on} title={t('sim.animations')} onClick={() => set(!on)}>
      <span aria-hidden="true" className={`switch${on ? ' switch--on' : ''}`} />
      <span className="btn__label">{t('sim.animations')}</span>
    </button>
  );
}
