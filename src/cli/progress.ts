/**
 * A progress bar on standard error, shown only when standard error is a terminal and the job has
 * run for more than a second (cli-progress). Never on standard output, which carries the data.
 */
import { SingleBar } from "cli-progress";

export class Progress {
  private done = 0;
  private bar: SingleBar | undefined;
  private readonly start = Date.now();

  constructor(private readonly total: number) {}

  tick(): void {
    this.done++;
    if (this.bar === undefined) {
      if (!process.stderr.isTTY || Date.now() - this.start < 1000 || this.done >= this.total)
        return;
      this.bar = new SingleBar({
        stream: process.stderr,
        format: "sweep [{bar}] {value}/{total} temperatures, {eta}s left",
        hideCursor: true,
      });
      this.bar.start(this.total, this.done);
      return;
    }
    this.bar.update(this.done);
  }

  stop(): void {
    this.bar?.stop();
  }
}
