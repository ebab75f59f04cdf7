"""Where a run's memory peaks: runs `her2batch ARGS...` in this process while a thread samples
RSS and the main thread's stack every 50 ms, then prints the top samples and a one-line-per-second
timeline. A diagnostic for memory work, not part of `make bench`.

Usage: python -m bench.memtrace run bench/out/export_1000000.csv -o /tmp/out -q
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
import traceback

from her2batch.cli import main as her2batch_main

PAGE = os.sysconf("SC_PAGE_SIZE")


def _where(thread_id: int) -> list[str]:
    frame = sys._current_frames().get(thread_id)
    if frame is None:
        return []
    return [f"{f.f_code.co_filename.rsplit('/', 1)[-1]}:{f.f_code.co_name}" for f, _ in traceback.walk_stack(frame)]


def main() -> None:
    samples: list[tuple[float, float, list[str]]] = []
    main_id = threading.main_thread().ident

    def sample() -> None:
        while True:
            with open("/proc/self/statm") as statm:
                rss = int(statm.read().split()[1]) * PAGE / 1e6
            samples.append((time.perf_counter(), rss, _where(main_id)))
            time.sleep(0.05)

    threading.Thread(target=sample, daemon=True).start()
    start = time.perf_counter()
    with contextlib.suppress(SystemExit):
        her2batch_main(sys.argv[1:])
    print("top samples:")
    for at, rss, where in sorted(samples, key=lambda s: -s[1])[:5]:
        print(f"{at - start:6.1f}s {rss:7.0f} MB  {' < '.join(where[:8])}")
    print("timeline:")
    second = -1
    for at, rss, where in samples:
        if int(at - start) != second:
            second = int(at - start)
            print(f"{at - start:5.1f}s {rss:6.0f} MB  {' < '.join(where[:4])}")


if __name__ == "__main__":
    main()
