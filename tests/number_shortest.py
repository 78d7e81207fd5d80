"""number_shortest.py: checks ind_number_format() against Python's repr().

    python3 tests/number_shortest.py PROGRAM SOURCE_DIR

PROGRAM is the built tests/number_shortest.c: it prints "BITS TEXT" for
about two million doubles. For each, TEXT must read back as exactly those
bits (float() is correctly rounded), and must carry the digits of repr(),
which is David Gay's shortest round trip (the shortest digits, the
nearest to the value among them): so TEXT is the shortest too. The layout
must be C's %g at the precision of those digits, at least 15. The lines
"log NAME ARG VALUE" are the fixed-point logarithms of number_shortest.c,
checked here with exact integers, and the committed table number_pow10.h
must be what number_pow10.py writes.
"""
import math
import struct
import subprocess
import sys
from fractions import Fraction


def floor_log(base, x):
    """The largest k with base^k <= x, for a positive Fraction x."""
    k = math.floor(math.log(x.numerator, base) - math.log(x.denominator, base))
    while Fraction(base) ** k > x:
        k -= 1
    while Fraction(base) ** (k + 1) <= x:
        k += 1
    return k


def exact_log(name, a):
    """floor(a log10 2), floor(log10(3/4 2^a)), floor(a log2 10)."""
    if name == "flog10_pow2":
        return floor_log(10, Fraction(2) ** a)
    if name == "flog10_three_quarters_pow2":
        return floor_log(10, Fraction(3, 4) * Fraction(2) ** a)
    return floor_log(2, Fraction(10) ** a)


def expected_text(x):
    """repr()'s digits, laid out as ind_number_format promises."""
    if x == 0:
        return "-0" if math.copysign(1, x) < 0 else "0"
    mantissa, _, exponent = repr(abs(x)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    leading = len(whole) + len(fraction) - len(digits)
    # the exponent of the first significant digit
    e = (int(exponent) if exponent else 0) + len(whole) - 1 - leading
    digits = digits.rstrip("0")
    nd = len(digits)
    precision = max(nd, 15)
    sign = "-" if x < 0 else ""
    if e < -4 or e >= precision:
        m = digits[0] + ("." + digits[1:] if nd > 1 else "")
        return "%s%se%s%02d" % (sign, m, "-" if e < 0 else "+", abs(e))
    if e < 0:
        return sign + "0." + "0" * (-e - 1) + digits
    if e >= nd - 1:
        return sign + digits + "0" * (e - nd + 1)
    return sign + digits[:e + 1] + "." + digits[e + 1:]


def main():
    program, source = sys.argv[1], sys.argv[2]
    table = subprocess.run([sys.executable,
                            source + "/libindicators/src/number_pow10.py"],
                           check=True, capture_output=True, text=True).stdout
    with open(source + "/libindicators/src/number_pow10.h") as f:
        if f.read() != table:
            sys.exit("number_pow10.h differs from what number_pow10.py writes")
    out = subprocess.run([program], check=True, capture_output=True,
                         text=True).stdout
    checked = logs = 0
    failures = []
    for line in out.splitlines():
        if line.startswith("log "):
            _, name, a, value = line.split()
            if exact_log(name, int(a)) != int(value):
                failures.append("%s(%s) = %s, exactly %d"
                                % (name, a, value, exact_log(name, int(a))))
            logs += 1
            continue
        bits, text = line.split()
        x = struct.unpack(">d", bytes.fromhex(bits))[0]
        back = struct.pack(">d", float(text)).hex()
        if back != bits:
            failures.append("%s written %s reads back as %s" % (bits, text, back))
        elif text != expected_text(x):
            failures.append("%s (%r) written %s, want %s"
                            % (bits, x, text, expected_text(x)))
        checked += 1
        if len(failures) > 20:
            break
    for f in failures:
        print("FAIL:", f)
    print("number_shortest: %d doubles and %d logarithms checked, %d failures"
          % (checked, logs, len(failures)))
    if failures or checked < 1000000:
        sys.exit(1)


if __name__ == "__main__":
    main()
