#!/bin/sh
# Reference digests for tests/test_sha256.c, from two independent
# implementations: coreutils sha256sum and Python's hashlib (OpenSSL).
# The script stops if they disagree. Run from this folder:
#   sh make_vectors.sh > vectors.txt
# Each line: a message spec and its digest. Specs:
#   text:STRING       the ASCII bytes of STRING
#   repeat:N:CHAR     CHAR repeated N times (boundary lengths)
#   bytes:N           bytes 0, 1, ..., 255, 0, 1, ... (N of them)
set -eu
gen() {
  python3 -c '
import sys
spec = sys.argv[1]
kind, _, rest = spec.partition(":")
if kind == "text":
    data = rest.encode("ascii")
elif kind == "repeat":
    n, ch = rest.split(":", 1)
    data = ch.encode("ascii") * int(n)
else:
    data = bytes(i % 256 for i in range(int(rest)))
sys.stdout.buffer.write(data)' "$1"
}
check() {
  a=$(gen "$1" | sha256sum | cut -d" " -f1)
  b=$(gen "$1" | python3 -c 'import sys,hashlib; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())')
  [ "$a" = "$b" ] || { echo "disagreement on $1" >&2; exit 1; }
  printf '%s %s\n' "$1" "$a"
}
for n in 0 1 55 56 57 63 64 65 119 120 127 128 129 1000; do
  check "repeat:$n:x"
done
check "bytes:256"
check "bytes:100000"
check "text:The quick brown fox jumps over the lazy dog"
