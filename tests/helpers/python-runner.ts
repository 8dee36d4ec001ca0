/**
 * One /usr/bin/python3 process that runs exported scripts one after another, each as
 * `__main__` through runpy, and answers with what it printed and the script's own string
 * constants. PyTorch is imported once, so a property test can run twenty scripts in the
 * time of two Python starts.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Read from stdin one path per line; answer one JSON line per script. */
const DRIVER = `
import contextlib, io, json, runpy, sys, traceback
import torch

for line in sys.stdin:
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            g = runpy.run_path(line.rstrip("\\n"), run_name="__main__")
        reply = {"ok": True, "stdout": out.getvalue(), "name": g["NAME"], "inputNames": g["INPUT_NAMES"],
                 "targetNames": g["TARGET_NAMES"], "racers": [[r[0], r[1]] for r in g["RACERS"]]}
    except BaseException as e:
        reply = {"ok": False, "error": "".join(traceback.format_exception_only(type(e), e))}
    sys.__stdout__.write(json.dumps(reply) + "\\n")
    sys.__stdout__.flush()
`;

export type ScriptRun =
  | { ok: true; stdout: string; name: string | null; inputNames: string[]; targetNames: string[]; racers: [string, string][] }
  | { ok: false; error: string };

export class PythonRunner {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly replies: AsyncIterator<string>;

  constructor() {
    this.child = spawn('/usr/bin/python3', ['-c', DRIVER]);
    this.child.stderr.resume();
    this.replies = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  async run(path: string): Promise<ScriptRun> {
    this.child.stdin.write(`${path}\n`);
    const next = await this.replies.next();
    if (next.done) throw new Error('the Python driver exited');
    return JSON.parse(next.value) as ScriptRun;
  }

  close(): void {
    this.child.stdin.end();
  }
}
