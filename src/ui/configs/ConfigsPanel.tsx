import { useMemo, useState } from 'react';
import {
  composeAddress,
  deployModel,
  generateConfigs,
  safeAddress,
  safeDomain,
  type ConfigFile,
  type ConfigFileId,
  type WorkerClass,
} from '../../core/export/configs';
import { useDocumentStore } from '../../state/documentStore';
import { useUiStore } from '../../state/uiStore';
import { useT } from '../useT';
import { CodeView } from './CodeView';
import { useConfigSettings } from './useConfigSettings';
import './configs.css';

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Older browsers and plain-http pages: a hidden textarea and execCommand.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

function download(file: ConfigFile) {
  const url = URL.createObjectURL(new Blob([file.content], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const WORKER_CLASSES: readonly WorkerClass[] = ['sync', 'gthread', 'async'];

/** The files to deploy the current canvas for real, live, highlighted, to copy or download. */
export default function ConfigsPanel() {
  const t = useT();
  const scene = useUiStore((s) => s.scene);
  const topology = useDocumentStore((s) => s.topologies[scene]);
  const https = useConfigSettings((s) => s.https);
  const securityHeaders = useConfigSettings((s) => s.securityHeaders);
  const domain = useConfigSettings((s) => s.domain);
  const workerClass = useConfigSettings((s) => s.workerClass);
  const appAddresses = useConfigSettings((s) => s.appAddresses);
  const nginxAddress = useConfigSettings((s) => s.nginxAddress);
  const setSettings = useConfigSettings((s) => s.set);
  const [open, setOpen] = useState<ReadonlySet<ConfigFileId>>(() => new Set(['nginx']));
  const [status, setStatus] = useState({ text: '', n: 0 });

  const settings = useMemo(
    () => ({
      https,
      securityHeaders,
      domain,
      ...(workerClass ? { workerClass } : {}),
      ...(appAddresses ? { appAddresses } : {}),
      ...(nginxAddress ? { nginxAddress } : {}),
    }),
    [https, securityHeaders, domain, workerClass, appAddresses, nginxAddress],
  );
  const files = useMemo(() => generateConfigs(topology, settings, { source: scene }), [topology, settings, scene]);
  const model = useMemo(() => deployModel(topology, settings), [topology, settings]);
  const runserver = !model.hasGunicorn;
  const setAppAddress = (i: number, value: string) => {
    const next = model.appServers.map((_, j) => appAddresses?.[j] ?? '');
    next[i] = value;
    setSettings({ appAddresses: next });
  };
  const domainOk = safeDomain(domain) === domain.trim().toLowerCase().replace(/\.$/, '');

  const announce = (text: string) => setStatus((s) => ({ text, n: s.n + 1 }));
  const toggle = (id: ConfigFileId) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section className="configs" aria-labelledby="configs-title">
      <h2 id="configs-title">{t('configs.panel.title')}</h2>
      <p className="configs__intro">{t('configs.panel.intro', { scene: t(`scenes.${scene}.title`) })}</p>
      {runserver && <p className="configs__note">{t('configs.panel.runserverNote')}</p>}

      <fieldset className="configs__settings">
        <legend>{t('configs.panel.settings')}</legend>
        <div className="configs__checks">
          <label className="configs__check">
            <input type="checkbox" checked={https} onChange={(e) => setSettings({ https: e.target.checked })} />
            {t('configs.panel.https')}
          </label>
          <label className="configs__check">
            <input type="checkbox" checked={securityHeaders} onChange={(e) => setSettings({ securityHeaders: e.target.checked })} />
            {t('configs.panel.headers')}
          </label>
        </div>
        <label className="configs__field">
          <span>{t('configs.panel.domain')}</span>
          <input
            type="text"
            value={domain}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={!domainOk}
            aria-describedby={domainOk ? undefined : 'configs-domain-hint'}
            onChange={(e) => setSettings({ domain: e.target.value })}
          />
        </label>
        {!domainOk && (
          <p id="configs-domain-hint" className="configs__hint">
            {t('configs.panel.domainInvalid')}
          </p>
        )}
        <label className="configs__field">
          <span>{t('configs.panel.workerClass')}</span>
          <select
            value={workerClass ?? ''}
            onChange={(e) => {
              const v = WORKER_CLASSES.find((c) => c === e.target.value);
              setSettings({ workerClass: v });
            }}
          >
            <option value="">{t('configs.panel.fromCanvas')}</option>
            <option value="sync">{t('configs.panel.worker.sync')}</option>
            <option value="gthread">{t('configs.panel.worker.gthread')}</option>
            <option value="async">{t('configs.panel.worker.async')}</option>
          </select>
        </label>
      </fieldset>

      <fieldset className="configs__settings">
        <legend>{t('configs.panel.addresses')}</legend>
        <p className="configs__note" id="configs-addresses-note">
          {t('configs.panel.addressesNote')}
        </p>
        {model.appServers.map((a, i) => {
          const value = appAddresses?.[i] ?? '';
          const ok = value.trim() === '' || safeAddress(value) !== undefined;
          const hintId = `configs-address-hint-${i}`;
          return (
            <div key={a.name}>
              <label className="configs__field">
                <span>{t('configs.panel.appAddress', { name: a.name })}</span>
                <input
                  type="text"
                  value={value}
                  placeholder={composeAddress(i)}
                  spellCheck={false}
                  autoComplete="off"
                  aria-invalid={!ok}
                  aria-describedby={ok ? 'configs-addresses-note' : hintId}
                  onChange={(e) => setAppAddress(i, e.target.value)}
                />
              </label>
              {!ok && (
                <p id={hintId} className="configs__hint" role="alert">
                  {t('configs.panel.addressInvalid', { fallback: composeAddress(i) })}
                </p>
              )}
            </div>
          );
        })}
        {(() => {
          const value = nginxAddress ?? '';
          const ok = value.trim() === '' || safeAddress(value) !== undefined;
          return (
            <>
              <label className="configs__field">
                <span>{t('configs.panel.nginxAddress')}</span>
                <input
                  type="text"
                  value={value}
                  placeholder="10.0.0.10"
                  spellCheck={false}
                  autoComplete="off"
                  aria-invalid={!ok}
                  aria-describedby={ok ? 'configs-addresses-note' : 'configs-nginx-address-hint'}
                  onChange={(e) => setSettings({ nginxAddress: e.target.value })}
                />
              </label>
              {!ok && (
                <p id="configs-nginx-address-hint" className="configs__hint" role="alert">
                  {t('configs.panel.addressInvalid', { fallback: '10.0.0.10' })}
                </p>
              )}
            </>
          );
        })()}
      </fieldset>

      <h3 className="configs__files-title">{t('configs.panel.files')}</h3>
      <p className="configs__status" role="status" aria-live="polite">
        <span key={status.n}>{status.text}</span>
      </p>
      <ul className="configs__files">
        {files.map((f) => {
          const expanded = open.has(f.id);
          const bodyId = `configs-file-${f.id}`;
          return (
            <li key={f.id} className="configs__file">
              <div className="configs__file-head">
                <button
                  type="button"
                  className="configs__toggle"
                  aria-expanded={expanded}
                  aria-controls={bodyId}
                  onClick={() => toggle(f.id)}
                >
                  <span aria-hidden="true" className="configs__chevron">
                    {expanded ? '▾' : '▸'}
                  </span>
                  <span className="configs__name">{f.name}</span>
                </button>
                <button
                  type="button"
                  className="btn btn--ghost configs__action"
                  onClick={() => {
                    copyText(f.content).then(
                      () => announce(t('configs.panel.copied', { name: f.name })),
                      () => announce(t('configs.panel.copyFailed', { name: f.name })),
                    );
                  }}
                >
                  {t('configs.panel.copy')}
                  <span className="visually-hidden"> {f.name}</span>
                </button>
                <button
                  type="button"
                  className="btn btn--ghost configs__action"
                  onClick={() => {
                    download(f);
                    announce(t('configs.panel.downloaded', { name: f.name }));
                  }}
                >
                  {t('configs.panel.download')}
                  <span className="visually-hidden"> {f.name}</span>
                </button>
              </div>
              {expanded && (
                <div id={bodyId}>
                  <p className="configs__desc">
                    <code>{f.path}</code> — {t(`configs.panel.desc.${f.id}`)}
                  </p>
                  <CodeView code={f.content} language={f.language} label={f.name} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
