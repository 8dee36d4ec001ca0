/**
 * The real race worker plus one test hook: a `{ crash: message }` message makes it throw
 * outside any call, as a worker dying of a bug would, so its Worker fires 'error'.
 */
import '../../workers/race.worker.ts';

self.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data;
  if (typeof data === 'object' && data !== null && 'crash' in data) {
    setTimeout(() => {
      throw new Error(String(data.crash));
    });
  }
});
