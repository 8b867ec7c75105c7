/** Prints "count / total, events/s" at most once a second, on one line when writing to a terminal. */
export class Progress {
  private readonly startedAt = performance.now();
  private lastPrint = 0;

  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WriteStream | null = process.stderr,
  ) {}

  update(count: number, force = false): void {
    const now = performance.now();
    if (!this.out || (!force && now - this.lastPrint < 1000)) return;
    this.lastPrint = now;
    const line = `${count.toLocaleString('en')} / ${this.total.toLocaleString('en')} events, ${Math.round(this.rate(count)).toLocaleString('en')} events/s`;
    if (this.out.isTTY) this.out.write(`\r${line}   `);
    else this.out.write(`${line}\n`);
  }

  done(count: number): void {
    this.update(count, true);
    if (this.out?.isTTY) this.out.write('\n');
  }

  rate(count: number): number {
    const seconds = (performance.now() - this.startedAt) / 1000;
    return seconds > 0 ? count / seconds : 0;
  }

  elapsedSeconds(): number {
    return (performance.now() - this.startedAt) / 1000;
  }
}
