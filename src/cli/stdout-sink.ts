/**
 * Records to stdout. A reader that stops early (`| head`) closes the pipe: that is no
 * error, the sink just notes that nobody reads any more (`gone`). Any other failure
 * (`> /dev/full`) is a WriteError for "stdout".
 */
import { writeErrorOf } from './write-error.ts';

export class StdoutSink {
  /** True once the reader closed the pipe; later writes are dropped. */
  gone = false;

  constructor(private readonly stream: NodeJS.WritableStream = process.stdout) {
    // Each write's callback gets its error; this listener only keeps Node from throwing it again.
    stream.on('error', () => {});
  }

  /** Resolves once the stream has taken the text (backpressure), rejects with a WriteError. */
  write(text: string): Promise<void> {
    if (this.gone) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.stream.write(text, (error?: Error | null) => {
        if (!error) return resolve();
        if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
          this.gone = true;
          return resolve();
        }
        reject(writeErrorOf('stdout', error));
      });
    });
  }
}
