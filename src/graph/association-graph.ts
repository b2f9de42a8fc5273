/**
 * The association graph: applications on one side, the entities they use (keyed hashes of national id, phone,
 * device, IP /24, card, email, address, employer and contact phones) on the other. Built for a million
 * applications in one process: integer node ids, typed arrays for adjacency (per-node linked lists of half-edges,
 * O(1) append), an incremental union-find for components, and Maps only from hash → node id.
 *
 * Hubs (entities with degree above their kind's threshold) are down-weighted, not ignored:
 *  - they never merge components (a switchboard must not glue 2,000 employees into one "ring");
 *  - in hop counts they are not expanded; their evidence enters as the hub's bad rate (a fraction, not a count);
 *  - in personalized PageRank an application's edge into a hub weighs min(1, threshold / degree);
 *  - per-entity features (applicants sharing it, known-bad on it) still count them in full.
 * An entity that becomes a hub after merging components keeps the merges it made while small until `rebuild()`
 * (the batch path), which recomputes components with final degrees.
 */
import { HashIndex } from './hash-index.js';
import { DEFAULT_CONTEXT_KINDS, DEFAULT_HUB_THRESHOLD, DEFAULT_HUB_THRESHOLDS } from './kinds.js';

export interface GraphLink {
  kind: string;
  /** Keyed hash of the identifier (hashIdentifier); the graph never sees clear values. */
  hash: string;
}

export interface GraphApplication {
  applicationId: string;
  links: GraphLink[];
  /** Known bad: declined for fraud, defaulted, blacklisted. Seeds PageRank and the bad counts. */
  bad?: boolean;
}

export interface GraphOptions {
  /** Per-kind hub thresholds (merged over the defaults). */
  hubThresholds?: Record<string, number>;
  /** Threshold for kinds without their own. */
  hubThreshold?: number;
  /** Kinds that do not merge components (see kinds.ts). */
  contextKinds?: readonly string[];
  /** Kind whose entity identifies the person (distinct identities are counted by it). */
  identityKind?: string;
  /**
   * Kind that marks a household (default `address`): an entity shared only by people at one such entity is a
   * family tablet or a spouse's phone, and does not count as ring evidence.
   */
  householdKind?: string;
  /** Max half-edges visited by one application's hop traversal (keeps scoring bounded on dense areas). */
  traversalBudget?: number;
  /** Entities with degree up to this count distinct identities exactly; above, each new applicant counts as new. */
  identityScanLimit?: number;
}

const NONE = -1;
const APP = 0;

function grownInt32(a: Int32Array, n: number, fill = 0): Int32Array {
  if (n <= a.length) return a;
  const b = new Int32Array(Math.max(n, a.length * 2));
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}
function grownUint8(a: Uint8Array, n: number): Uint8Array {
  if (n <= a.length) return a;
  const b = new Uint8Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}
function grownFloat32(a: Float32Array, n: number): Float32Array {
  if (n <= a.length) return a;
  const b = new Float32Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

export class AssociationGraph {
  readonly contextKinds: ReadonlySet<string>;
  readonly identityKind: string;
  readonly householdKind: string;
  readonly traversalBudget: number;
  private readonly identityScanLimit: number;
  private readonly hubThresholdByKind: Record<string, number>;
  private readonly defaultHubThreshold: number;

  /** Kind names by code; code 0 is "application". */
  readonly kindNames: string[] = ['application'];
  private readonly kindCodes = new Map<string, number>();
  private hubByCode: number[] = [0];
  private contextByCode: boolean[] = [false];

  private readonly appIndex = new HashIndex();
  private readonly entityIndex = new HashIndex();
  /** applicationId by application ordinal; `appOrdinal` maps a node to it (−1 for entities). */
  private readonly appIds: string[] = [];
  private appOrdinal: Int32Array = new Int32Array(1024).fill(NONE);

  nodeCount = 0;
  halfEdgeCount = 0;
  applicationCount = 0;

  // node arrays
  nodeKind: Uint8Array = new Uint8Array(1024);
  head: Int32Array = new Int32Array(1024).fill(NONE);
  degree: Int32Array = new Int32Array(1024);
  parent: Int32Array = new Int32Array(1024);
  /** At a union-find root: applications in the component; at entities, unused. */
  compApps: Int32Array = new Int32Array(1024);
  compBad: Int32Array = new Int32Array(1024);
  /** Applications: 1 when known bad. Entities: count of known-bad applications attached. */
  bad: Int32Array = new Int32Array(1024);
  /** Applications: node of the identity entity (or the application itself). Entities: distinct identities. */
  identity: Int32Array = new Int32Array(1024);
  /** Community id from the last batch (`computeCommunities`), -1 when none. */
  community: Int32Array = new Int32Array(1024).fill(NONE);
  /** Personalized PageRank mass from the last batch. */
  ppr: Float32Array = new Float32Array(1024);
  /** Seeds in the last PageRank run (to normalise scores). */
  pprSeeds = 0;

  // half-edge arrays (edge i and i^1 are the two directions)
  next: Int32Array = new Int32Array(4096);
  to: Int32Array = new Int32Array(4096);
  /** Link kind code as the application declared it (a contact phone and an applicant phone share a node). */
  linkKind: Uint8Array = new Uint8Array(4096);

  /** Community sizes and known-bad counts by community id (from the last batch). */
  communityApps: Int32Array = new Int32Array(0);
  communityBad: Int32Array = new Int32Array(0);

  /** Scratch for traversals: two channels of visited stamps per node (applications, identities). */
  private stamp: Int32Array = new Int32Array(1024);
  private stamp2: Int32Array = new Int32Array(1024);
  private epoch = 0;

  constructor(options: GraphOptions = {}) {
    this.contextKinds = new Set(options.contextKinds ?? DEFAULT_CONTEXT_KINDS);
    this.identityKind = options.identityKind ?? 'nationalId';
    this.householdKind = options.householdKind ?? 'address';
    this.traversalBudget = options.traversalBudget ?? 20_000;
    this.identityScanLimit = options.identityScanLimit ?? 32;
    this.hubThresholdByKind = { ...DEFAULT_HUB_THRESHOLDS, ...(options.hubThresholds ?? {}) };
    this.defaultHubThreshold = options.hubThreshold ?? DEFAULT_HUB_THRESHOLD;
  }

  kindCode(kind: string): number {
    let code = this.kindCodes.get(kind);
    if (code === undefined) {
      code = this.kindNames.length;
      if (code > 255) throw new Error('at most 255 entity kinds');
      this.kindNames.push(kind);
      this.kindCodes.set(kind, code);
      this.hubByCode.push(this.hubThresholdByKind[kind] ?? this.defaultHubThreshold);
      this.contextByCode.push(this.contextKinds.has(kind));
    }
    return code;
  }

  hubThreshold(node: number): number {
    return this.hubByCode[this.nodeKind[node]!]!;
  }
  isHub(node: number): boolean {
    return this.nodeKind[node] !== APP && this.degree[node]! > this.hubByCode[this.nodeKind[node]!]!;
  }
  /** Make a kind context (or not) after the fact: link roles learned from the data (link-roles.ts). */
  setContext(kind: string, context: boolean): void {
    this.contextByCode[this.kindCode(kind)] = context;
  }
  /** Whether a kind is context (merges no components). */
  kindIsContext(kind: string): boolean {
    const code = this.kindCodes.get(kind);
    return code === undefined ? this.contextKinds.has(kind) : this.contextByCode[code]!;
  }
  isContext(node: number): boolean {
    return this.contextByCode[this.nodeKind[node]!]!;
  }
  isApplication(node: number): boolean {
    return this.nodeKind[node] === APP;
  }
  /** Edge weight an application gives this entity in PageRank: 1, or threshold/degree for hubs. */
  hubWeight(node: number): number {
    if (this.nodeKind[node] === APP) return 1;
    const d = this.degree[node]!;
    const h = this.hubByCode[this.nodeKind[node]!]!;
    return d > h ? h / d : 1;
  }

  applicationNode(applicationId: string): number | undefined {
    return this.appIndex.get(applicationId);
  }
  applicationId(node: number): string {
    const k = this.appOrdinal[node]!;
    return k >= 0 ? this.appIds[k]! : '';
  }
  get entityCount(): number {
    return this.nodeCount - this.applicationCount;
  }

  private ensureNodes(n: number): void {
    if (n <= this.nodeKind.length) return;
    const old = this.nodeKind.length;
    this.nodeKind = grownUint8(this.nodeKind, n);
    const cap = this.nodeKind.length;
    const grow = (a: Int32Array, fill = 0) => {
      const b = new Int32Array(cap);
      b.set(a);
      if (fill !== 0) b.fill(fill, old);
      return b;
    };
    this.head = grow(this.head, NONE);
    this.degree = grow(this.degree);
    this.parent = grow(this.parent);
    this.compApps = grow(this.compApps);
    this.compBad = grow(this.compBad);
    this.bad = grow(this.bad);
    this.identity = grow(this.identity);
    this.community = grow(this.community, NONE);
    this.appOrdinal = grow(this.appOrdinal, NONE);
    this.stamp = grow(this.stamp);
    this.stamp2 = grow(this.stamp2);
    this.ppr = grownFloat32(this.ppr, cap);
  }

  private newNode(kindCode: number): number {
    const v = this.nodeCount++;
    this.ensureNodes(this.nodeCount);
    this.nodeKind[v] = kindCode;
    this.parent[v] = v;
    return v;
  }

  private addHalfEdges(app: number, entity: number, linkCode: number): void {
    const e = this.halfEdgeCount;
    this.halfEdgeCount += 2;
    if (this.halfEdgeCount > this.next.length) {
      this.next = grownInt32(this.next, this.halfEdgeCount);
      this.to = grownInt32(this.to, this.halfEdgeCount);
      this.linkKind = grownUint8(this.linkKind, this.halfEdgeCount);
    }
    this.to[e] = entity;
    this.next[e] = this.head[app]!;
    this.head[app] = e;
    this.linkKind[e] = linkCode;
    this.to[e + 1] = app;
    this.next[e + 1] = this.head[entity]!;
    this.head[entity] = e + 1;
    this.linkKind[e + 1] = linkCode;
    this.degree[app]!++;
    this.degree[entity]!++;
  }

  find(v: number): number {
    const p = this.parent;
    while (p[v] !== v) {
      const gp = p[p[v]!]!;
      p[v] = gp;
      v = gp;
    }
    return v;
  }

  private union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    // union by applications (entity roots carry 0): keeps trees shallow where it matters, path halving does the rest
    if (this.compApps[ra]! < this.compApps[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.compApps[ra]! += this.compApps[rb]!;
    this.compBad[ra]! += this.compBad[rb]!;
  }

  /** True when the application already links to this entity. */
  private linked(app: number, entity: number): boolean {
    for (let e = this.head[app]!; e !== NONE; e = this.next[e]!) if (this.to[e] === entity) return true;
    return false;
  }

  /** Whether `identityNode` already appears among the entity's applications (other than `except`). */
  private identityPresent(entity: number, identityNode: number, except: number): boolean {
    for (let e = this.head[entity]!; e !== NONE; e = this.next[e]!) {
      const a = this.to[e]!;
      if (a !== except && this.identity[a] === identityNode) return true;
    }
    return false;
  }

  /**
   * Adds one application (or new links of a known one) and returns its node. O(links × small) except the
   * identity check on entities up to `identityScanLimit` applicants.
   */
  addApplication(input: GraphApplication): number {
    let app = this.appIndex.getOrSet(input.applicationId, this.nodeCount);
    if (app === this.nodeCount) {
      app = this.newNode(APP);
      this.appOrdinal[app] = this.appIds.length;
      this.appIds.push(input.applicationId);
      this.identity[app] = app;
      this.compApps[app] = 1;
      this.applicationCount++;
    }
    // the identity link goes first so the other entities count this applicant's identity correctly
    const links = input.links;
    for (let pass = 0; pass < 2; pass++) {
      for (const link of links) {
        if (!link.hash) continue;
        const isIdentity = link.kind === this.identityKind;
        if ((pass === 0) !== isIdentity) continue;
        this.link(app, link.kind, link.hash);
      }
    }
    if (input.bad) this.markBad(app);
    return app;
  }

  private link(app: number, kind: string, hash: string): void {
    const linkCode = this.kindCode(kind);
    let entity = this.entityIndex.getOrSet(hash, this.nodeCount);
    if (entity === this.nodeCount) entity = this.newNode(linkCode);
    else if (this.linked(app, entity)) return;
    const isIdentity = kind === this.identityKind;
    if (isIdentity && this.identity[app] === app) this.identity[app] = entity;
    const identityNode = this.identity[app]!;
    // only a returning person (identity entity already linked to another application) can already be on the entity
    const present =
      identityNode !== app &&
      this.degree[identityNode]! > 1 &&
      this.degree[entity]! <= this.identityScanLimit &&
      this.identityPresent(entity, identityNode, app);
    this.addHalfEdges(app, entity, linkCode);
    if (!present) this.identity[entity]!++;
    if (this.bad[app]) this.bad[entity]!++;
    if (!this.contextByCode[this.nodeKind[entity]!] && !this.isHub(entity)) this.union(app, entity);
  }

  /** Marks an application known bad (fraud decline, default, blacklist) after the fact. */
  markBad(appOrId: number | string): void {
    const app = typeof appOrId === 'string' ? this.appIndex.get(appOrId) : appOrId;
    if (app === undefined || this.bad[app]) return;
    this.bad[app] = 1;
    this.compBad[this.find(app)]!++;
    for (let e = this.head[app]!; e !== NONE; e = this.next[e]!) this.bad[this.to[e]!]!++;
  }

  /** Marks every application carrying the identifier with this keyed hash known bad (it went on a black list). */
  markEntityBad(hash: string): void {
    const entity = this.entityIndex.get(hash);
    if (entity === undefined) return;
    for (let e = this.head[entity]!; e !== NONE; e = this.next[e]!) this.markBad(this.to[e]!);
  }

  /** Applications in the application's component (hub-free, context-free). */
  componentSize(app: number): number {
    return this.compApps[this.find(app)]!;
  }
  componentBad(app: number): number {
    return this.compBad[this.find(app)]!;
  }

  /** The application's household entity (first link of the household kind), or −1. */
  householdOf(app: number): number {
    const code = this.kindCodes.get(this.householdKind);
    if (code === undefined) return NONE;
    for (let e = this.head[app]!; e !== NONE; e = this.next[e]!)
      if (this.nodeKind[this.to[e]!] === code) return this.to[e]!;
    return NONE;
  }

  /**
   * True when every application on `entity` (restricted to `among`, if given) lives in one household: the
   * sharing is explained by family, not by a ring. Entities above `limit` applicants are never explained.
   */
  householdExplained(entity: number, among?: ReadonlySet<number>, limit = 64): boolean {
    if (this.degree[entity]! > limit) return false;
    let household = NONE - 1;
    for (let e = this.head[entity]!; e !== NONE; e = this.next[e]!) {
      const a = this.to[e]!;
      if (among && !among.has(a)) continue;
      const h = this.householdOf(a);
      if (h === NONE) return false;
      if (household === NONE - 1) household = h;
      else if (h !== household) return false;
    }
    return household !== NONE - 1;
  }

  /** Iterates (neighbour, linkKindCode) pairs. */
  forEachNeighbour(node: number, fn: (neighbour: number, linkCode: number) => void): void {
    for (let e = this.head[node]!; e !== NONE; e = this.next[e]!) fn(this.to[e]!, this.linkKind[e]!);
  }

  /** New traversal epoch: `visit(v)` is true the first time v is seen in this epoch. */
  beginVisit(): void {
    this.epoch++;
    if (this.epoch === 0x7fffffff) {
      this.stamp.fill(0);
      this.stamp2.fill(0);
      this.epoch = 1;
    }
  }
  visit(v: number): boolean {
    if (this.stamp[v] === this.epoch) return false;
    this.stamp[v] = this.epoch;
    return true;
  }
  /** Whether v was visited in this epoch (without visiting it). */
  visited(v: number): boolean {
    return this.stamp[v] === this.epoch;
  }
  visitIdentity(v: number): boolean {
    if (this.stamp2[v] === this.epoch) return false;
    this.stamp2[v] = this.epoch;
    return true;
  }

  /**
   * Recomputes components from scratch with final degrees (hubs excluded): the batch answer that the incremental
   * union-find approximates when an entity becomes a hub after it merged.
   */
  rebuildComponents(): void {
    for (let v = 0; v < this.nodeCount; v++) {
      this.parent[v] = v;
      this.compApps[v] = this.nodeKind[v] === APP ? 1 : 0;
      this.compBad[v] = this.nodeKind[v] === APP ? this.bad[v]! : 0;
    }
    for (let v = 0; v < this.nodeCount; v++) {
      if (this.nodeKind[v] === APP || this.isContext(v) || this.isHub(v)) continue;
      for (let e = this.head[v]!; e !== NONE; e = this.next[e]!) this.union(v, this.to[e]!);
    }
  }

  /** Bytes held by the graph's arrays and ids (what `rssMb` should mostly be made of). */
  memoryBytes(): number {
    const arrays = [
      this.nodeKind,
      this.head,
      this.degree,
      this.parent,
      this.compApps,
      this.compBad,
      this.bad,
      this.identity,
      this.community,
      this.ppr,
      this.appOrdinal,
      this.stamp,
      this.stamp2,
      this.next,
      this.to,
      this.linkKind,
      this.communityApps,
      this.communityBad,
    ];
    let bytes = arrays.reduce((s, a) => s + a.byteLength, 0);
    bytes += this.appIndex.byteLength + this.entityIndex.byteLength;
    for (const id of this.appIds) bytes += 16 + id.length; // V8 one-byte string header + payload, roughly
    return bytes;
  }

  /** Compressed sparse rows of the current graph (for batch passes: PageRank, communities). */
  toCsr(): { offsets: Int32Array; targets: Int32Array } {
    const n = this.nodeCount;
    const offsets = new Int32Array(n + 1);
    for (let v = 0; v < n; v++) offsets[v + 1] = offsets[v]! + this.degree[v]!;
    const targets = new Int32Array(offsets[n]!);
    for (let v = 0; v < n; v++) {
      let k = offsets[v]!;
      for (let e = this.head[v]!; e !== NONE; e = this.next[e]!) targets[k++] = this.to[e]!;
    }
    return { offsets, targets };
  }
}
