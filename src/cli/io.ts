// Output helpers: stdout for results, stderr for errors, warnings and "No resources found".
// Written with fs.writeSync: touching process.stdout would load Node's stream machinery,
// a few milliseconds on every command.
import { writeSync } from 'node:fs';

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function writeAll(fd: number, s: string): void {
  let buf = Buffer.from(s, 'utf8');
  while (buf.length) {
    try {
      const n = writeSync(fd, buf);
      buf = buf.subarray(n);
    } catch (e: any) {
      if (e.code === 'EAGAIN') {
        Atomics.wait(sleeper, 0, 0, 1);
        continue;
      }
      if (e.code === 'EPIPE') return;
      throw e;
    }
  }
}

export const out = (s: string) => {
  if (s) writeAll(1, s);
};

export const err = (s: string) => {
  if (s) writeAll(2, s.endsWith('\n') ? s : `${s}\n`);
};
