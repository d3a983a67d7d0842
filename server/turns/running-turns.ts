// The turns this process is running right now, so shutdown can wait for them (and, later, cancel
// and watch can find them). A turn is registered once its row exists and settled when it ends.
export type RunningTurn = { turnId: string; conversationId: string };

export class RunningTurns {
  private readonly turns = new Map<string, RunningTurn>();
  private readonly idle = new Set<() => void>();

  register(turn: RunningTurn): void {
    this.turns.set(turn.turnId, turn);
  }

  settle(turnId: string): void {
    this.turns.delete(turnId);
    if (this.turns.size === 0) for (const wake of this.idle) wake();
  }

  list(): RunningTurn[] {
    return [...this.turns.values()];
  }

  /**
   * Waits until no turn runs, `graceMs` passes or `stop` aborts, whichever comes first; returns the
   * turns still running then.
   */
  async drain(graceMs: number, stop?: AbortSignal): Promise<RunningTurn[]> {
    if (this.turns.size > 0 && !stop?.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.idle.delete(done);
          stop?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, graceMs);
        this.idle.add(done);
        stop?.addEventListener('abort', done, { once: true });
      });
    }
    return this.list();
  }
}
