import { beforeEach, describe, expect, it } from 'vitest';
import { HARD_RESTART_GAP_MS } from '../core/ops/pipeline';
import { useDocumentStore } from './documentStore';
import { unitOf, useOpsStore } from './opsStore';
import { useUiStore } from './uiStore';

const node = (id: string) => useDocumentStore.getState().topologies.production.nodes.find((n) => n.id === id);
const up = (id: string) => node(id)?.params?.up !== false;
const ops = () => useOpsStore.getState();

beforeEach(() => {
  useUiStore.getState().setScene('production');
  useDocumentStore.getState().resetScene('production');
  useOpsStore.setState({ units: {}, scheduled: [], lastNow: 0, unitConfig: { restart: 'always', restartSec: 1000 }, restartMode: 'graceful', checklistStep: null });
});

describe('ops store drives the document', () => {
  it('Stop / Start / Slow down / Restore speed write the node params', () => {
    ops().stopNode('postgres');
    expect(up('postgres')).toBe(false);
    ops().startNode('postgres');
    expect(up('postgres')).toBe(true);
    ops().slowNode('app1-django');
    expect(node('app1-django')?.params?.serviceMs).toBe(2500);
    ops().restoreSpeed('app1-django');
    expect(node('app1-django')?.params?.serviceMs).toBe(20);
  });

  it('a crashed Gunicorn with Restart=always comes back after RestartSec of simulated time', () => {
    ops().crashMaster('app1-gunicorn');
    expect(up('app1-gunicorn')).toBe(false);
    ops().tick(999);
    expect(up('app1-gunicorn')).toBe(false);
    ops().tick(1000);
    expect(up('app1-gunicorn')).toBe(true);
    expect(unitOf(ops(), 'production', 'app1-gunicorn', true).restarts).toBe(1);
  });

  it('without Restart=always it stays down until systemctl start', () => {
    ops().setUnitConfig({ restart: 'no' });
    ops().crashMaster('app1-gunicorn');
    ops().tick(60_000);
    expect(up('app1-gunicorn')).toBe(false);
    ops().systemctl('start', 'app1-gunicorn');
    expect(up('app1-gunicorn')).toBe(true);
    ops().systemctl('stop', 'app1-gunicorn');
    expect(up('app1-gunicorn')).toBe(false);
    ops().systemctl('restart', 'app1-gunicorn');
    expect(up('app1-gunicorn')).toBe(true);
  });

  it('a graceful deploy keeps every Gunicorn up; a hard one takes them down for the boot gap', () => {
    ops().deploy();
    expect(up('app1-gunicorn') && up('app2-gunicorn')).toBe(true);
    expect(unitOf(ops(), 'production', 'app1-gunicorn', true).reloads).toBe(1);
    ops().setRestartMode('hard');
    ops().tick(100);
    ops().deploy();
    expect(up('app1-gunicorn') || up('app2-gunicorn')).toBe(false);
    ops().tick(100 + HARD_RESTART_GAP_MS - 1);
    expect(up('app1-gunicorn')).toBe(false);
    ops().tick(100 + HARD_RESTART_GAP_MS);
    expect(up('app1-gunicorn') && up('app2-gunicorn')).toBe(true);
  });

  it('the checklist rebuilds the production canvas and gives it back', () => {
    ops().setChecklistStep(0);
    expect(useDocumentStore.getState().topologies.production.nodes.map((n) => n.id)).toEqual(['user']);
    ops().setChecklistStep(4);
    expect(node('redis')).toBeDefined();
    expect(node('nginx')).toBeUndefined();
    ops().setChecklistStep(null);
    expect(node('nginx')).toBeDefined();
  });
});
