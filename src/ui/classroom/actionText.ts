/**
 * Lesson action chips in the user's language: "Redis · Cache isabet oranı: %95", never raw
 * parameter names (hitRatio = 0.95). Labels come from the UI's own keys where the UI has the
 * same control (the scaling panel), so a chip reads like the control it turns.
 */
import type { LessonAction, LessonParams } from '../../core/lessons/types';
import type { SceneId } from '../../core/topology/types';
import type { Lang, TFn, TKey } from '../../i18n';
import { useDocumentStore } from '../../state/documentStore';

/** A node's name as the canvas shows it ("Gunicorn · App server 1"). */
export function nodeName(t: TFn, scene: SceneId, id: string): string {
  const nodes = useDocumentStore.getState().topologies[scene].nodes;
  const name = (n: (typeof nodes)[number]) =>
    n.label ?? (n.labelKey ? t(n.labelKey as TKey, n.labelArgs) : t(`catalog.${n.kind}.name` as TKey));
  const node = nodes.find((n) => n.id === id);
  if (!node) return id;
  const parent = node.parentId ? nodes.find((n) => n.id === node.parentId) : undefined;
  return parent && node.kind !== 'server' && /^app\d/.test(parent.id) ? `${name(node)} · ${name(parent)}` : name(node);
}

/** One parameter as a person reads it: "Cache isabet oranı: %95". */
export function paramText(t: TFn, lang: Lang, key: keyof LessonParams, value: unknown, kind: string, node: string): string {
  const num = (v: unknown, digits = 0) => Number(v).toLocaleString(lang, { maximumFractionDigits: digits });
  const set = (label: string, v: string) => t('learn.param.set', { label, value: v });
  switch (key) {
    case 'workers':
      return set(t('scaling.panel.vertical.workers'), num(value));
    case 'cores':
      return set(t('scaling.panel.vertical.cores'), num(value));
    case 'memoryMb':
      return set(t('scaling.panel.vertical.memory'), t('scaling.panel.units.gb', { n: num(Number(value) / 1024, 1) }));
    case 'hitRatio':
      return set(
        t(kind === 'cdn' ? 'scaling.panel.perf.cdnHit' : 'scaling.panel.perf.redisHit'),
        t('scaling.panel.units.percent', { n: num(Number(value) * 100) }),
      );
    case 'lbMethod': {
      const m = { round_robin: 'lbRoundRobin', least_conn: 'lbLeastConn', ip_hash: 'lbIpHash' }[String(value)] ?? 'lbRoundRobin';
      return set(t('scaling.panel.horizontal.lb'), t(`scaling.panel.horizontal.${m}` as TKey));
    }
    case 'workerClass': {
      const c = { sync: 'classSync', gthread: 'classGthread', async: 'classAsync' }[String(value)] ?? 'classSync';
      return set(t('scaling.panel.vertical.workerClass'), t(`scaling.panel.vertical.${c}` as TKey));
    }
    case 'weight':
      return set(t('scaling.panel.horizontal.weightOf', { name: node }), num(value));
    case 'serviceMs':
    case 'cpuMs':
    case 'ioMs':
      return set(t(`learn.param.${key}`), `${num(value)} ms`);
    case 'timeoutS':
    case 'readTimeoutS':
      return set(t(`learn.param.${key}`), `${num(value)} s`);
    case 'staticCollected':
    case 'debug':
    case 'hostAllowed':
    case 'ignoreExceptions':
    case 'sessions':
      return t(`learn.param.${key}.${value ? 'on' : 'off'}`);
    default:
      return t('learn.param.set', { label: String(key), value: String(value) });
  }
}

export function actionText(t: TFn, lang: Lang, scene: SceneId, action: LessonAction): string {
  switch (action.type) {
    case 'traffic':
      if (!action.play) return t('classroom.action.pause');
      return action.rps === undefined ? t('classroom.action.play') : t('classroom.action.playRps', { rps: action.rps });
    case 'nodeUp':
      return t(action.up ? 'classroom.action.start' : 'classroom.action.stop', { node: nodeName(t, scene, action.node) });
    case 'params': {
      const node = nodeName(t, scene, action.node);
      const kind = useDocumentStore.getState().topologies[scene].nodes.find((n) => n.id === action.node)?.kind ?? '';
      const parts = (Object.entries(action.params) as [keyof LessonParams, unknown][]).map(([k, v]) =>
        paramText(t, lang, k, v, kind, node),
      );
      return t('classroom.action.params', { node, what: parts.join(' · ') });
    }
    case 'appServers':
      return t('classroom.action.servers', { n: action.count.toLocaleString(lang) });
    case 'reset':
      return t('classroom.action.reset');
  }
}
