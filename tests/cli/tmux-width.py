"""Print the screen column (0-based) at which WORD starts in the first line
of FILE that holds it, as the C library's wcwidth() counts cells (the
count terminals such as tmux use).  usage: tmux-width.py FILE WORD"""
import ctypes
import sys

libc = ctypes.CDLL("libc.so.6")
libc.setlocale(6, b"C.UTF-8")  # LC_ALL
for line in open(sys.argv[1], encoding="utf-8"):
    k = line.find(sys.argv[2])
    if k >= 0:
        print(sum(max(libc.wcwidth(ord(c)), 0) for c in line[:k]))
        sys.exit(0)
sys.exit(1)
