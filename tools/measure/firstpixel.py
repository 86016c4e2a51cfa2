#!/usr/bin/env python3
"""Starts a command and prints how many milliseconds pass until the pixel at (x, y) of
the X display's root window changes from what it was before the command started: the
first frame the kiosk draws. Uses libX11 through ctypes (no packages to install).

usage: firstpixel.py X Y TIMEOUT_S -- COMMAND ARGS...
Prints `first_frame_ms <n>` and `pid <pid>` on stdout; the command keeps running."""
import ctypes
import ctypes.util
import os
import subprocess
import sys
import time

x, y, timeout = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
command = sys.argv[sys.argv.index("--") + 1:]

xlib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
xlib.XOpenDisplay.restype = ctypes.c_void_p
xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
xlib.XDefaultRootWindow.restype = ctypes.c_ulong
xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
xlib.XGetImage.restype = ctypes.c_void_p
xlib.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                           ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
xlib.XGetPixel.restype = ctypes.c_ulong
xlib.XGetPixel.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]
xlib.XDestroyImage = None  # a macro in Xlib.h; the few leaked 1×1 images do not matter

display = xlib.XOpenDisplay(None)
if not display:
    sys.exit("firstpixel: cannot open the X display (is DISPLAY set?)")
root = xlib.XDefaultRootWindow(display)
ALL_PLANES = ctypes.c_ulong(-1).value
Z_PIXMAP = 2


def pixel():
    image = xlib.XGetImage(display, root, x, y, 1, 1, ALL_PLANES, Z_PIXMAP)
    return xlib.XGetPixel(image, 0, 0) if image else None


before = pixel()
start = time.monotonic()
child = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                         stderr=open(os.environ.get("FIRSTPIXEL_LOG", os.devnull), "ab"))
while True:
    now = time.monotonic()
    if pixel() != before:
        break
    if now - start > timeout or child.poll() is not None:
        sys.exit(f"firstpixel: no frame within {timeout} s")
    time.sleep(0.002)
print(f"first_frame_ms {round((now - start) * 1000)}")
print(f"pid {child.pid}", flush=True)
os._exit(0)
