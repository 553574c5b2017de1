/**
 * A large topology for the frame benchmark (`--nodes N`): the production scene with extra app
 * servers (a server box, its Gunicorn and its Django, each wired like app1) laid out in a grid
 * beside the first ones, until the diagram has about N nodes.
 */
import { SCENES, cloneTopology } from '../src/core/topology/scenes';
import type { Topology } from '../src/core/topology/types';

export function bigTopology(nodes: number): Topology {
  const t = cloneTopology(SCENES.production.topology);
  const box = t.nodes.find((n) => n.id === 'app1');
  const gunicorn = t.nodes.find((n) => n.id === 'app1-gunicorn');
  const django = t.nodes.find((n) => n.id === 'app1-django');
  if (!box || !gunicorn || !django || !box.size) throw new Error('production scene changed: no app1');
  const pitchX = box.size.width + 40;
  const pitchY = box.size.height + 30;
  const perColumn = 8;
  for (let i = 3; t.nodes.length + 3 <= Math.max(nodes, t.nodes.length + 3); i++) {
    const id = `app${i}`;
    const k = i - 3;
    const col = 1 + Math.floor(k / perColumn);
    const row = k % perColumn;
    t.nodes.push(
      { ...box, id, labelArgs: { n: i }, position: { x: box.position.x + col * pitchX, y: box.position.y + row * pitchY } },
      { ...gunicorn, id: `${id}-gunicorn`, parentId: id },
      { ...django, id: `${id}-django`, parentId: id },
    );
    for (const [s, d] of [
      ['nginx', `${id}-gunicorn`],
      [`${id}-gunicorn`, `${id}-django`],
      [`${id}-django`, 'postgres'],
      [`${id}-django`, 'redis'],
    ] as const) {
      t.edges.push({ id: `${s}->${d}`, source: s, target: d });
    }
    if (t.nodes.length + 3 > nodes) break;
  }
  // The database box moves to the right of the grid.
  const cols = 1 + Math.ceil((t.nodes.filter((n) => n.kind === 'gunicorn').length - 2) / perColumn);
  const db = t.nodes.find((n) => n.id === 'db');
  if (db) db.position = { x: box.position.x + cols * pitchX + 40, y: db.position.y };
  return t;
}
