/** A progress bar on stderr for batch runs (only when stderr is a TTY), and closing rates. */
export class Progress {
  private done = 0;
  private errors = 0;
  private bytes = 0;
  private last = 0;
  private readonly t0 = performance.now();
  constructor(private readonly label: string, private readonly total: number | null = null,
    private readonly out: NodeJS.WriteStream = process.stderr) {}

  tick(bytes: number, ok: boolean): void {
    this.done++;
    this.bytes += bytes;
    if (!ok) this.errors++;
    const now = performance.now();
    if (this.out.isTTY && now - this.last > 100) { this.last = now; this.draw(); }
  }

  private draw(): void {
    const rate = this.done / ((performance.now() - this.t0) / 1000);
    let bar = '';
    if (this.total) {
      const w = 30, f = Math.round((w * this.done) / this.total);
      bar = `[${'#'.repeat(f)}${'-'.repeat(w - f)}] ${this.done}/${this.total} `;
    } else bar = `${this.done} `;
    this.out.write(`\r${this.label} ${bar}${rate.toFixed(0)} docs/s, ${this.errors} errors `);
  }

  /** Clears the bar and returns the closing summary line. */
  finish(): string {
    if (this.out.isTTY) this.out.write('\r\x1b[K');
    const s = (performance.now() - this.t0) / 1000;
    return `${this.label}: ${this.done} inputs, ${this.done - this.errors} ok, ${this.errors} errors in ${s.toFixed(2)} s ` +
      `(${(this.done / s).toFixed(1)} docs/s, ${(this.bytes / 1e6 / s).toFixed(2)} MB/s)`;
  }
  get counts() { return { done: this.done, errors: this.errors, bytes: this.bytes }; }
}
