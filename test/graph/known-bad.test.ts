import { describe, expect, it } from 'vitest';
import { AssociationGraph } from '../../src/graph/association-graph.js';
import { KnownBadLog } from '../../src/graph/known-bad.js';

function graph(): AssociationGraph {
  const g = new AssociationGraph();
  g.addApplication({ applicationId: 'a', links: [{ kind: 'phone', hash: 'P' }] });
  g.addApplication({ applicationId: 'b', links: [{ kind: 'phone', hash: 'P' }] });
  g.addApplication({ applicationId: 'c', links: [{ kind: 'deviceId', hash: 'D' }] });
  return g;
}
const bad = (g: AssociationGraph, id: string) => g.bad[g.applicationNode(id)!];

describe('known-bad evidence applied point in time', () => {
  it('marks nothing before its time, then the application or every carrier of the identifier', () => {
    const g = graph();
    const log = new KnownBadLog(
      [
        { at: 200, hash: 'P' },
        { at: 100, applicationId: 'c' },
      ],
      1000,
    );
    log.advance(g, 99);
    expect(['a', 'b', 'c'].map((id) => bad(g, id))).toEqual([0, 0, 0]);
    log.advance(g, 150);
    expect(['a', 'b', 'c'].map((id) => bad(g, id))).toEqual([0, 0, 1]);
    log.advance(g, 120); // time does not go back
    log.advance(g, 200);
    expect(['a', 'b', 'c'].map((id) => bad(g, id))).toEqual([1, 1, 1]);
    // an application added later carrying a listed identifier is known bad as it joins
    expect(log.marks('new', [{ kind: 'phone', hash: 'P' }])).toBe(true);
    expect(log.marks('other', [{ kind: 'phone', hash: 'Q' }])).toBe(false);
  });

  it('skips a list entry that expired before it would apply; a re-read applies what is known by the watermark', () => {
    const g = graph();
    const log = new KnownBadLog([{ at: 100, hash: 'P', until: 150 }], 1000);
    log.advance(g, 160);
    expect(bad(g, 'a')).toBe(0);
    log.refresh(
      g,
      [
        { at: 155, applicationId: 'c' },
        { at: 500, hash: 'D' },
      ],
      2000,
    );
    expect([bad(g, 'c'), log.watermark, log.readAt]).toEqual([1, 160, 2000]);
  });
});
