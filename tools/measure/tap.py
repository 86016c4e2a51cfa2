#!/usr/bin/env python3
"""Taps a running program on the X display and measures what a user feels: the time from
the press to the first frame on screen that differs from the one before, and the CPU the
program (and its child processes) spent per tap. Uses libX11, libXext (MIT-SHM) and
libXtst through ctypes: no packages to install.

usage: tap.py PLAN REPEATS PID [NAME]

PLAN is a file of `case NAME` lines, each followed by `setup X Y LABEL` (tapped, not
measured), `tap X Y LABEL` (one cycle, repeated REPEATS times and measured) and
`exit X Y LABEL` (tapped, not measured) lines; `tests/ui/tap_bench.rs` writes the
kiosk's. PID is the program's; its CPU is the sum over it and its descendants, read from
/proc/*/task/*/schedstat (nanoseconds). Prints one tab-separated line per case:
NAME, taps, p50, p90, max of press → first changed frame (ms), p50 of press → last
frame (ms), CPU per tap (ms, less the idle rate), and a first line with the idle CPU.

How one tap goes: move the pointer to the target and wait until the screen is still
(a hover style is not the answer to a tap); wait for the program's own once-a-second
redraw (the clock) so that it does not land inside the measurement, then press and
release at once, as a finger does, and copy the whole screen through shared memory as
fast as it allows (about every millisecond at 1920×1080) until it differs."""
import ctypes
import ctypes.util
import os
import statistics
import sys
import time

plan_file, repeats, root_pid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
label = sys.argv[4] if len(sys.argv) > 4 else ""

c_void_p, c_int, c_uint, c_ulong = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_ulong


def lib(name, soname):
    return ctypes.CDLL(ctypes.util.find_library(name) or soname)


xlib, xext, xtst = lib("X11", "libX11.so.6"), lib("Xext", "libXext.so.6"), lib("Xtst", "libXtst.so.6")
libc = ctypes.CDLL(None, use_errno=True)

xlib.XOpenDisplay.restype = c_void_p
xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
xlib.XDefaultRootWindow.restype = c_ulong
xlib.XDefaultRootWindow.argtypes = [c_void_p]
xlib.XDefaultScreen.argtypes = [c_void_p]
xlib.XDefaultVisual.restype = c_void_p
xlib.XDefaultVisual.argtypes = [c_void_p, c_int]
xlib.XDefaultDepth.argtypes = [c_void_p, c_int]
xlib.XDisplayWidth.argtypes = [c_void_p, c_int]
xlib.XDisplayHeight.argtypes = [c_void_p, c_int]
xlib.XFlush.argtypes = [c_void_p]
xlib.XSync.argtypes = [c_void_p, c_int]


class ShmInfo(ctypes.Structure):
    _fields_ = [("shmseg", c_ulong), ("shmid", c_int), ("shmaddr", c_void_p), ("readOnly", c_int)]


xext.XShmCreateImage.restype = c_void_p
xext.XShmCreateImage.argtypes = [c_void_p, c_void_p, c_uint, c_int, c_void_p,
                                 ctypes.POINTER(ShmInfo), c_uint, c_uint]
xext.XShmAttach.argtypes = [c_void_p, ctypes.POINTER(ShmInfo)]
xext.XShmGetImage.argtypes = [c_void_p, c_ulong, c_void_p, c_int, c_int, c_ulong]
xtst.XTestFakeMotionEvent.argtypes = [c_void_p, c_int, c_int, c_int, c_ulong]
xtst.XTestFakeButtonEvent.argtypes = [c_void_p, c_uint, c_int, c_ulong]
libc.shmget.argtypes = [c_int, ctypes.c_size_t, c_int]
libc.shmat.restype = c_void_p
libc.shmat.argtypes = [c_int, c_void_p, c_int]
libc.shmctl.argtypes = [c_int, c_int, c_void_p]
libc.memcmp.argtypes = [c_void_p, c_void_p, ctypes.c_size_t]

display = xlib.XOpenDisplay(None)
if not display:
    sys.exit("tap: cannot open the X display (is DISPLAY set?)")
screen = xlib.XDefaultScreen(display)
root = xlib.XDefaultRootWindow(display)
width, height = xlib.XDisplayWidth(display, screen), xlib.XDisplayHeight(display, screen)
info = ShmInfo()
image = xext.XShmCreateImage(display, xlib.XDefaultVisual(display, screen),
                             xlib.XDefaultDepth(display, screen), 2, None,
                             ctypes.byref(info), width, height)
# XImage: int width, height, xoffset, format; char *data; then six ints, the last of
# which is bytes_per_line.
bytes_per_line = ctypes.c_int.from_address(image + 16 + 8 + 5 * 4).value
size = bytes_per_line * height
info.shmid = libc.shmget(0, size, 0o1000 | 0o600)  # IPC_PRIVATE, IPC_CREAT
info.shmaddr = libc.shmat(info.shmid, None, 0)
info.readOnly = 0
ctypes.c_void_p.from_address(image + 16).value = info.shmaddr
if not xext.XShmAttach(display, ctypes.byref(info)):
    sys.exit("tap: the X server has no MIT-SHM")
xlib.XSync(display, 0)
libc.shmctl(info.shmid, 0, None)  # IPC_RMID: gone once both sides detach
reference = ctypes.create_string_buffer(size)


def grab():
    xext.XShmGetImage(display, root, image, 0, 0, 0xFFFFFFFF)


def keep():
    ctypes.memmove(reference, info.shmaddr, size)


def differs():
    return libc.memcmp(info.shmaddr, reference, size) != 0


def still(quiet_s, limit_s):
    """Waits until the screen has not changed for `quiet_s`; the last change's time."""
    grab()
    keep()
    start = last = time.monotonic()
    while True:
        time.sleep(0.001)
        grab()
        now = time.monotonic()
        if differs():
            keep()
            last = now
        elif now - last >= quiet_s or now - start >= limit_s:
            return last


def descendants(pid):
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found


def cpu_ns():
    total = 0
    for pid in descendants(root_pid):
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                    total += int(f.read().split()[0])
        except OSError:
            pass  # a thread or process that just ended
    return total


def move(x, y):
    xtst.XTestFakeMotionEvent(display, -1, x, y, 0)
    xlib.XFlush(display)


def press_release():
    xtst.XTestFakeButtonEvent(display, 1, 1, 0)
    xtst.XTestFakeButtonEvent(display, 1, 0, 0)
    xlib.XFlush(display)


def plain_tap(x, y):
    move(x, y)
    still(0.1, 2)
    press_release()
    still(0.3, 5)


def measured_tap(x, y):
    """(ms to the first changed frame, ms to the last, CPU ns) of one tap."""
    move(x, y)
    still(0.1, 2)
    # The program's clock: wait (up to 1.1 s) for its redraw, so that the next is a
    # second away; a screen with nothing ticking just waits.
    grab()
    keep()
    deadline = time.monotonic() + 1.1
    while time.monotonic() < deadline:
        time.sleep(0.002)
        grab()
        if differs():
            still(0.05, 0.5)
            break
    grab()
    keep()
    cpu0 = cpu_ns()
    t0 = time.monotonic()
    press_release()
    first = None
    while first is None:
        grab()
        now = time.monotonic()
        if differs():
            first = now
        elif now - t0 > 3:
            sys.exit(f"tap: nothing changed on screen within 3 s of a tap at {x},{y}")
    keep()
    last = still(0.3, 3)
    elapsed = time.monotonic() - t0
    return (first - t0) * 1000, (last - t0) * 1000, cpu_ns() - cpu0, elapsed


def idle_rate(seconds=5.0):
    """CPU ns per second of the program left alone."""
    cpu0, t0 = cpu_ns(), time.monotonic()
    time.sleep(seconds)
    return (cpu_ns() - cpu0) / (time.monotonic() - t0)


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


cases, current = [], None
with open(plan_file) as f:
    for line in f:
        parts = line.split(maxsplit=3)
        if not parts or parts[0] == "size":
            continue
        if parts[0] == "case":
            current = (parts[1], [])
            cases.append(current)
        else:
            current[1].append((parts[0], int(parts[1]), int(parts[2])))

still(0.5, 10)
idle = idle_rate()
print(f"{label}idle\t{idle / 1e6:.1f} ms/s", flush=True)
only = os.environ.get("TAP_CASES", "").split()
for name, steps in cases:
    if only and name not in only and name != "elder-mode":
        for kind, x, y in steps:
            if kind != "tap":
                plain_tap(x, y)
        continue
    firsts, lasts, cpus = [], [], []
    for kind, x, y in steps:
        if kind == "setup":
            plain_tap(x, y)
    cycle = [(x, y) for kind, x, y in steps if kind == "tap"]
    for _ in range(repeats if cycle else 0):
        for x, y in cycle:
            first, last, cpu, elapsed = measured_tap(x, y)
            firsts.append(first)
            lasts.append(last)
            cpus.append(cpu - idle * elapsed)
    for kind, x, y in steps:
        if kind == "exit":
            plain_tap(x, y)
    if firsts:
        print(f"{label}{name}\t{len(firsts)}\t{percentile(firsts, 50):.1f}\t"
              f"{percentile(firsts, 90):.1f}\t{max(firsts):.1f}\t"
              f"{percentile(lasts, 50):.1f}\t{statistics.mean(cpus) / 1e6:.1f}", flush=True)
