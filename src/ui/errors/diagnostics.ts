/**
 * The diagnostic text behind "Report": what broke and where, never the user's diagram itself
 * (only its size), so it can be pasted into a public issue.
 */
import { useDocumentStore } from '../../state/documentStore';
import { useUiStore } from '../../state/uiStore';

const firstLines = (text: string | undefined | null, n: number) =>
  (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean).slice(0, n).join('\n  ');

export function diagnosticText(area: string, error: unknown, componentStack?: string | null): string {
  const ui = useUiStore.getState();
  const topology = useDocumentStore.getState().topologies[ui.scene];
  const e = error instanceof Error ? error : new Error(String(error));
  const url = new URL(window.location.href);
  url.hash = url.hash ? '#…' : '';
  return [
    'ProdViz diagnostic',
    `time: ${new Date().toISOString()}`,
    `area: ${area}`,
    `address: ${url.href}`,
    `scene: ${ui.scene}, language: ${ui.lang}, theme: ${ui.theme}`,
    `diagram: ${topology?.nodes.length ?? 0} components, ${topology?.edges.length ?? 0} connections`,
    `browser: ${navigator.userAgent}`,
    `error: ${e.name}: ${e.message.slice(0, 300)}`,
    `stack:\n  ${firstLines(e.stack, 8)}`,
    `components:\n  ${firstLines(componentStack, 8)}`,
  ].join('\n');
}
