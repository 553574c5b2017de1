import { beforeEach, describe, expect, it } from 'vitest';
import { SCENES, cloneTopology } from '../core/topology/scenes';
import { nodeSize } from '../core/topology/containers';
import { useDocumentStore } from './documentStore';

const S = 'production' as const;
const store = () => useDocumentStore.getState();
const topo = () => store().topologies[S];

beforeEach(() => {
  useDocumentStore.setState({
    topologies: { ...store().topologies, [S]: cloneTopology(SCENES[S].topology) },
    history: { ...store().history, [S]: { past: [], future: [] } },
  });
});

describe('document history', () => {
  it('undo and redo every edit, one step each', () => {
    const before = topo();
    const id = store().addNode(S, { kind: 'redis', position: { x: 10, y: 20 } });
    expect(id).toBe('redis-2');
    store().connect(S, 'app1-django', id!);
    store().rename(S, id!, 'Sessions');
    expect(topo().nodes.at(-1)).toMatchObject({ id: 'redis-2', label: 'Sessions' });
    store().undo(S);
    expect(topo().nodes.at(-1)?.label).toBeUndefined();
    store().undo(S);
    store().undo(S);
    expect(topo()).toBe(before);
    store().redo(S);
    expect(topo().nodes.some((n) => n.id === 'redis-2')).toBe(true);
    expect(store().history[S].future).toHaveLength(2);
  });

  it('a drag of several nodes is one step, and unmoved nodes keep their identity', () => {
    const before = topo();
    store().moveNodes(S, [
      { id: 'user', position: { x: 1, y: 2 } },
      { id: 'nginx', position: { x: 3, y: 4 } },
    ]);
    expect(store().history[S].past).toHaveLength(1);
    expect(topo().nodes.find((n) => n.id === 'postgres')).toBe(
      before.nodes.find((n) => n.id === 'postgres'),
    );
    store().undo(S);
    expect(topo()).toBe(before);
  });

  it('a no-op changes nothing and records nothing', () => {
    const before = topo();
    const user = before.nodes.find((n) => n.id === 'user')!;
    store().moveNode(S, 'user', { ...user.position });
    store().removeNodes(S, ['nope']);
    expect(topo()).toBe(before);
    expect(store().history[S].past).toHaveLength(0);
  });

  it('repeated tweaks of one parameter merge into one step', () => {
    for (const workers of [6, 7, 8]) store().setNodeParams(S, 'app1-gunicorn', { workers });
    expect(store().history[S].past).toHaveLength(1);
    store().undo(S);
    expect(topo().nodes.find((n) => n.id === 'app1-gunicorn')?.params?.workers).toBe(5);
  });

  it('removing a server box removes what runs on it and the edges touching them', () => {
    store().removeNodes(S, ['app1']);
    const ids = topo().nodes.map((n) => n.id);
    expect(ids).not.toContain('app1-gunicorn');
    expect(
      topo().edges.some((e) => e.source.startsWith('app1') || e.target.startsWith('app1')),
    ).toBe(false);
  });

  it('refuses self-loops, duplicate connections and connections to a server box', () => {
    expect(store().connect(S, 'nginx', 'nginx')).toBeNull();
    expect(store().connect(S, 'user', 'nginx')).toBeNull();
    expect(store().connect(S, 'user', 'web')).toBeNull();
    expect(store().connect(S, 'nginx', 'redis')).toBe('nginx->redis');
  });

  it('duplicates a box with its contents and inner edges', () => {
    const ids = store().duplicate(S, ['app2']);
    expect(ids).toEqual(['server-2']);
    const copy = topo()
      .nodes.filter((n) => n.parentId === 'server-2')
      .map((n) => n.kind);
    expect(copy).toEqual(['gunicorn', 'django']);
    expect(topo().edges.some((e) => e.source === 'gunicorn-2' && e.target === 'django-2')).toBe(
      true,
    );
  });

  it('a copied box lands beside the original, covering nothing', () => {
    store().duplicate(S, ['app2']);
    const t = topo();
    const rect = (id: string) => {
      const n = t.nodes.find((x) => x.id === id)!;
      return { ...n.position, ...nodeSize(n) };
    };
    const copy = rect('server-2');
    for (const box of t.nodes.filter((n) => n.kind === 'server' && n.id !== 'server-2')) {
      const r = rect(box.id);
      const apart =
        copy.x >= r.x + r.width || r.x >= copy.x + copy.width || copy.y >= r.y + r.height || r.y >= copy.y + copy.height;
      expect(apart, `copy covers ${box.id}`).toBe(true);
    }
  });

  it('a new node dropped in a box is placed relative to it', () => {
    const id = store().addNode(S, {
      kind: 'django',
      position: { x: 1000, y: 500 },
      parentId: 'db',
    });
    const node = topo().nodes.find((n) => n.id === id)!;
    const box = topo().nodes.find((n) => n.id === 'db')!;
    expect(node.parentId).toBe('db');
    expect(node.position).toEqual({ x: 1000 - box.position.x, y: 500 - box.position.y });
  });

  it('reset is undoable', () => {
    store().removeNodes(S, ['redis']);
    const edited = topo();
    store().resetScene(S);
    expect(topo().nodes.some((n) => n.id === 'redis')).toBe(true);
    store().undo(S);
    expect(topo()).toBe(edited);
  });
});
