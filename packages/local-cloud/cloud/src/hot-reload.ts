import { type FSWatcher, readdirSync, watch } from "node:fs";
import path from "node:path";

/** The folder and every folder below it. */
function foldersUnder(folder: string): string[] {
  return [
    folder,
    ...readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => foldersUnder(path.join(folder, entry.name))),
  ];
}

/**
 * Calls `onChange(name)` once a source folder has been quiet for `quietMs` after a change, and never runs
 * two reloads of the same name at once: a change during a reload schedules one more.
 *
 * Each folder is watched on its own rather than with `recursive: true`: on Linux, Node 20's recursive
 * watch follows files, and loses one that an editor saves by writing a new file over it (as `sed -i` and
 * most editors' atomic saves do). A folder's own watch sees every entry in it, replaced or not.
 */
export function watchSources(
  folders: Record<string, string>,
  onChange: (name: string) => Promise<void>,
  quietMs = 150,
): { close(): void } {
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<void>>();
  const pending = new Set<string>();
  const watchers = new Map<string, FSWatcher>();

  const run = (name: string) => {
    if (running.has(name)) {
      pending.add(name);
      return;
    }
    const job = onChange(name).finally(() => {
      running.delete(name);
      if (pending.delete(name)) run(name);
    });
    running.set(name, job);
  };

  const watchTree = (name: string, root: string) => {
    for (const folder of foldersUnder(root)) {
      if (watchers.has(folder)) continue;
      watchers.set(
        folder,
        watch(folder, () => {
          clearTimeout(timers.get(name));
          timers.set(
            name,
            setTimeout(() => run(name), quietMs),
          );
          // A folder made since the start gets its own watch.
          watchTree(name, root);
        }),
      );
    }
  };
  for (const [name, folder] of Object.entries(folders)) watchTree(name, path.resolve(folder));

  return {
    close() {
      for (const watcher of watchers.values()) watcher.close();
      for (const timer of timers.values()) clearTimeout(timer);
    },
  };
}
