import path from "node:path";
import {
  type FunctionInstance,
  type InstanceOptions,
  startInstance,
} from "@holonet/lambda-runtime/function-instance";
import { tooManyRequests } from "./api-errors";

/** Lambda's longest timeout. */
const DEBUG_TIMEOUT_SECONDS = 900;

export interface PoolOptions {
  accountConcurrency: number;
  /** An instance idle this long is closed, as Lambda reclaims idle sandboxes. */
  idleTimeoutMs: number;
  /** This function's instances open the inspector on this port, so it runs one instance at a time. */
  inspect?: { functionName: string; port: number };
  /** Node's module compile cache: a folder per runtime under this one. None when absent. */
  compileCacheRoot?: string;
}

/** Which code and configuration an instance runs: a changed $LATEST has a new revision. */
export interface InstanceKey {
  functionName: string;
  version: string;
  revisionId: string;
  /** The Node.js major it runs on: an instance never serves a configuration of another runtime. */
  runtime: string;
}

export interface AcquireRequest {
  key: InstanceKey;
  /** The options of a new instance, asked for only when one starts. */
  options: () => Omit<InstanceOptions, "inspectPort" | "compileCacheDir">;
  /** The function's reserved concurrency, if it has one. */
  reservedConcurrency: number | undefined;
  /** The sum of all functions' reservations: what the unreserved functions cannot use. */
  totalReserved: number;
}

export interface Lease {
  instance: FunctionInstance;
  /** A new instance: this invocation pays the init. */
  coldStart: boolean;
  release(): void;
}

export interface InstancePool {
  /** An idle warm instance of the version, or a new one; throws TooManyRequestsException beyond the limits. */
  acquire(request: AcquireRequest): Promise<Lease>;
  /** Closes the instances of a function (or one of its versions) once they are idle. */
  retire(functionName: string, version?: string): void;
  close(): Promise<void>;
}

interface Entry {
  key: InstanceKey;
  instance: FunctionInstance;
  lastUsed: number;
  /** Handed to an invocation and not yet released. */
  leased: boolean;
  retired: boolean;
}

const sameKey = (a: InstanceKey, b: InstanceKey) =>
  a.functionName === b.functionName &&
  a.version === b.version &&
  a.revisionId === b.revisionId &&
  a.runtime === b.runtime;

export function createInstancePool(options: PoolOptions): InstancePool {
  const entries: Entry[] = [];
  const runningByFunction = new Map<string, number>();
  let runningUnreserved = 0;
  let closed = false;

  const discard = (entry: Entry) => {
    const at = entries.indexOf(entry);
    if (at !== -1) entries.splice(at, 1);
    return entry.instance.close();
  };
  const reaper = setInterval(
    () => {
      const cutoff = Date.now() - options.idleTimeoutMs;
      for (const entry of entries.filter((each) => !each.leased && each.lastUsed < cutoff)) {
        void discard(entry);
      }
    },
    Math.min(30_000, options.idleTimeoutMs),
  );
  reaper.unref();

  /** Counts the execution in, or throws the throttle Lambda would answer. */
  const admit = ({ key, reservedConcurrency, totalReserved }: AcquireRequest) => {
    const inspected = options.inspect?.functionName === key.functionName;
    const running = runningByFunction.get(key.functionName) ?? 0;
    const limit = inspected ? Math.min(reservedConcurrency ?? 1, 1) : reservedConcurrency;
    if (limit !== undefined) {
      if (running >= limit) throw tooManyRequests("ReservedFunctionConcurrentInvocationLimitExceeded");
    } else if (runningUnreserved >= options.accountConcurrency - totalReserved) {
      throw tooManyRequests("ConcurrentInvocationLimitExceeded");
    }
    const unreserved = limit === undefined;
    runningByFunction.set(key.functionName, running + 1);
    if (unreserved) runningUnreserved += 1;
    return () => {
      runningByFunction.set(key.functionName, (runningByFunction.get(key.functionName) ?? 1) - 1);
      if (unreserved) runningUnreserved -= 1;
    };
  };

  const newInstance = async (request: AcquireRequest): Promise<Entry> => {
    const inspected = options.inspect?.functionName === request.key.functionName;
    if (inspected && options.inspect) {
      // One inspector port: the function's other instances must be gone before a new one binds it.
      const others = entries.filter((each) => each.key.functionName === request.key.functionName);
      await Promise.all(others.map(discard));
    }
    const settings = request.options();
    const instance = startInstance({
      ...settings,
      // One folder per runtime: a cache written by one Node.js major is of no use to another.
      ...(options.compileCacheRoot !== undefined && {
        compileCacheDir: path.join(options.compileCacheRoot, settings.runtime),
      }),
      // A function paused at a breakpoint would otherwise be killed at its timeout: under the debugger it
      // gets Lambda's longest, 900 s, as SAM's debug mode does too.
      ...(inspected &&
        options.inspect && { inspectPort: options.inspect.port, timeoutSeconds: DEBUG_TIMEOUT_SECONDS }),
    });
    const entry: Entry = { key: request.key, instance, lastUsed: Date.now(), leased: false, retired: false };
    entries.push(entry);
    return entry;
  };

  return {
    async acquire(request) {
      if (closed) throw new Error("The instance pool is closed.");
      const leave = admit(request);
      try {
        const warm = entries.find(
          (each) => sameKey(each.key, request.key) && !each.retired && !each.leased && each.instance.alive,
        );
        const entry = warm ?? (await newInstance(request));
        entry.leased = true;
        let released = false;
        return {
          instance: entry.instance,
          coldStart: warm === undefined,
          release() {
            if (released) return;
            released = true;
            leave();
            entry.leased = false;
            entry.lastUsed = Date.now();
            if (entry.retired || !entry.instance.alive) void discard(entry);
          },
        };
      } catch (error) {
        leave();
        throw error;
      }
    },
    retire(functionName, version) {
      for (const entry of entries.filter(
        (each) =>
          each.key.functionName === functionName && (version === undefined || each.key.version === version),
      )) {
        entry.retired = true;
        if (!entry.leased) void discard(entry);
      }
    },
    async close() {
      closed = true;
      clearInterval(reaper);
      await Promise.all([...entries].map(discard));
    },
  };
}
