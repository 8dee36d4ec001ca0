/**
 * At most `size` trainers at once. Requests wait in line; a freed slot goes to the waiting
 * owner (a race, later a sweep) served longest ago, and within one owner first come first
 * served: round-robin between owners, so a sweep of dozens of runs cannot starve a race
 * that shares its pool.
 */
interface Request {
  owner: object;
  grant: (release: () => void) => void;
}

export class SlotPool {
  private inUse = 0;
  /** Waiting requests per owner, in the order the owners got in line. */
  private readonly waiting = new Map<object, Request[]>();
  /** When each owner last got a slot, counted in grants. */
  private readonly lastServed = new WeakMap<object, number>();
  private grants = 0;

  constructor(readonly size: number) {
    if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`a pool needs at least one slot, got ${size}`);
  }

  /** Slots held now. */
  get busy(): number {
    return this.inUse;
  }

  /**
   * Asks for a slot for `owner`; `grant` is called (maybe at once) with the function that
   * gives it back. Returns a function that withdraws the request if it is still waiting.
   */
  request(owner: object, grant: (release: () => void) => void): () => void {
    const request: Request = { owner, grant };
    const queue = this.waiting.get(owner) ?? [];
    queue.push(request);
    this.waiting.set(owner, queue);
    this.dispatch();
    return () => {
      const q = this.waiting.get(owner);
      const i = q ? q.indexOf(request) : -1;
      if (q && i >= 0) {
        q.splice(i, 1);
        if (q.length === 0) this.waiting.delete(owner);
      }
    };
  }

  /** The owner the next freed slot would go to, or null when nobody waits. */
  nextInLine(): object | null {
    return this.waiting.size > 0 ? this.nextOwner() : null;
  }

  private dispatch(): void {
    while (this.inUse < this.size && this.waiting.size > 0) {
      const owner = this.nextOwner();
      const queue = this.waiting.get(owner)!;
      const request = queue.shift()!;
      if (queue.length === 0) this.waiting.delete(owner);
      this.lastServed.set(owner, ++this.grants);
      this.inUse++;
      let released = false;
      request.grant(() => {
        if (released) return;
        released = true;
        this.inUse--;
        this.dispatch();
      });
    }
  }

  /** The waiting owner served longest ago (one never served first), earliest in line on ties. */
  private nextOwner(): object {
    let best: object | null = null;
    let bestServed = Infinity;
    for (const owner of this.waiting.keys()) {
      const served = this.lastServed.get(owner) ?? 0;
      if (served < bestServed) {
        best = owner;
        bestServed = served;
      }
    }
    return best!;
  }
}
