import { describe, expect, it } from 'vitest';
import type { ComponentKind } from '../catalog/catalog';
import {
  absolutePosition,
  canReachDataStore,
  isDatabaseKind,
  reachableFrom,
  successors,
  validateTopology,
} from './graph';
import type { Topology } from './types';

const at = (x: number, y: number) => ({ x, y });

const chain: Topology = {
  nodes: [
    { id: 'user', kind: 'user', position: at(0, 0) },
    { id: 'box', kind: 'server', position: at(300, 10), size: { width: 600, height: 200 } },
    { id: 'nginx', kind: 'nginx', position: at(40, 76), parentId: 'box' },
    { id: 'static', kind: 'static', position: at(340, 76), parentId: 'box' },
    { id: 'gunicorn', kind: 'gunicorn', position: at(1000, 0) },
    { id: 'django', kind: 'django', position: at(1300, 0) },
    { id: 'postgres', kind: 'postgres', position: at(1600, 0) },
  ],
  edges: [
    { id: 'e1', source: 'user', target: 'nginx' },
    { id: 'e2', source: 'nginx', target: 'static' },
    { id: 'e3', source: 'nginx', target: 'gunicorn' },
    { id: 'e3b', source: 'nginx', target: 'gunicorn' },
    { id: 'e4', source: 'gunicorn', target: 'django' },
    { id: 'e5', source: 'django', target: 'postgres' },
  ],
};

describe('validateTopology', () => {
  it('accepts a sound topology', () => {
    expect(validateTopology(chain)).toEqual([]);
  });

  it('reports duplicate ids, unknown kinds, dangling edges and bad parents', () => {
    const bad: Topology = {
      nodes: [
        { id: 'a', kind: 'nginx', position: at(0, 0) },
        { id: 'a', kind: 'django', position: at(0, 0) },
        { id: 'b', kind: 'mainframe' as ComponentKind, position: at(0, 0) },
        { id: 'c', kind: 'django', position: at(0, 0), parentId: 'nowhere' },
        { id: 'd', kind: 'django', position: at(0, 0), parentId: 'b' },
        { id: 's1', kind: 'server', position: at(0, 0), parentId: 's2' },
        { id: 's2', kind: 'server', position: at(0, 0), parentId: 's1' },
      ],
      edges: [
        { id: 'e', source: 'a', target: 'ghost' },
        { id: 'e', source: 'a', target: 'a' },
      ],
    };
    expect(validateTopology(bad)).toEqual([
      { code: 'duplicate-node-id', nodeId: 'a' },
      { code: 'unknown-kind', nodeId: 'b', ref: 'mainframe' },
      { code: 'missing-parent', nodeId: 'c', ref: 'nowhere' },
      { code: 'parent-not-server', nodeId: 'd', ref: 'b' },
      { code: 'parent-cycle', nodeId: 's1', ref: 's2' },
      { code: 'parent-cycle', nodeId: 's2', ref: 's1' },
      { code: 'dangling-edge', edgeId: 'e', ref: 'ghost' },
      { code: 'duplicate-edge-id', edgeId: 'e' },
      { code: 'self-loop', edgeId: 'e', nodeId: 'a' },
    ]);
  });
});

describe('traversal', () => {
  it('lists successors in edge order without repeats', () => {
    expect(successors(chain, 'nginx')).toEqual(['static', 'gunicorn']);
    expect(successors(chain, 'postgres')).toEqual([]);
    expect(successors(chain, 'nobody')).toEqual([]);
  });

  it('walks breadth first and terminates on cycles', () => {
    expect(reachableFrom(chain, 'user')).toEqual([
      'nginx',
      'static',
      'gunicorn',
      'django',
      'postgres',
    ]);
    const loop: Topology = {
      nodes: chain.nodes,
      edges: [...chain.edges, { id: 'back', source: 'django', target: 'nginx' }],
    };
    expect(reachableFrom(loop, 'nginx')).toEqual([
      'static',
      'gunicorn',
      'django',
      'postgres',
      'nginx',
    ]);
  });

  it('finds a database from the user, and ignores static and media', () => {
    expect(canReachDataStore(chain)).toBe(true);
    const noDb: Topology = {
      nodes: chain.nodes,
      edges: chain.edges.filter((e) => e.target !== 'postgres'),
    };
    expect(canReachDataStore(noDb)).toBe(false);
    const cut: Topology = { nodes: chain.nodes, edges: chain.edges.filter((e) => e.id !== 'e4') };
    expect(canReachDataStore(cut)).toBe(false);
    const noUser: Topology = { nodes: chain.nodes.filter((n) => n.kind !== 'user'), edges: [] };
    expect(canReachDataStore(noUser)).toBe(false);
  });

  it('knows which kinds are databases', () => {
    expect(['postgres', 'sqlite', 'redis'].every((k) => isDatabaseKind(k as ComponentKind))).toBe(
      true,
    );
    expect(
      ['static', 'media', 'nginx', 'server'].some((k) => isDatabaseKind(k as ComponentKind)),
    ).toBe(false);
  });
});

describe('absolutePosition', () => {
  it('adds the parent box position', () => {
    expect(absolutePosition(chain, 'nginx')).toEqual({ x: 340, y: 86 });
    expect(absolutePosition(chain, 'box')).toEqual({ x: 300, y: 10 });
    expect(absolutePosition(chain, 'user')).toEqual({ x: 0, y: 0 });
    expect(absolutePosition(chain, 'missing')).toBeUndefined();
  });

  it('stops on a parent cycle', () => {
    const t: Topology = {
      nodes: [
        { id: 's1', kind: 'server', position: at(1, 1), parentId: 's2' },
        { id: 's2', kind: 'server', position: at(10, 10), parentId: 's1' },
      ],
      edges: [],
    };
    expect(absolutePosition(t, 's1')).toEqual({ x: 11, y: 11 });
  });
});
