#!/usr/bin/env bash
# test_exports.sh - the ABI surface: the Windows-style functions exported by
# libsecur32.so are exactly the functions declared in the public headers.
#
# "Windows-style" means a PascalCase name without underscore
# (^[A-Z][A-Za-z0-9]+$), which leaves out the Go runtime's and cgo's own
# exports (_cgo_*, crosscall2, gosspi_*, ...). The declared set is read from
# the preprocessed headers (gcc -E), keeping only text that comes from
# include/, so macros, comments, #if branches and function-pointer typedefs
# cannot fool the parser.
#
# Environment: SECUR32_LIB (the .so; default build/libsecur32.so) and
# SECUR32_SOURCE_DIR (default: the parent of this script's directory).
set -u

src=${SECUR32_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
lib=${SECUR32_LIB:-$src/build/libsecur32.so}
cc=${CC:-cc}

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -f "$lib" ]; then
	fail "library not found: $lib"
	finish
fi

# --- exported: defined text symbols of the shared object -------------------
nm -D --defined-only "$lib" |
	awk '$2 == "T" { sub(/@.*/, "", $3); print $3 }' |
	grep -E '^[A-Z][A-Za-z0-9]+$' | sort -u >"$tmp/exported"

# --- declared: function prototypes of every public header ------------------
{
	echo '#define SECURITY_WIN32'
	echo '#include <windows.h>'
	for h in "$src"/include/*.h; do
		echo "#include <$(basename "$h")>"
	done
} >"$tmp/all.c"

if ! "$cc" -E -std=c11 -I"$src/include" "$tmp/all.c" >"$tmp/all.i" 2>"$tmp/cpp.err"; then
	cat "$tmp/cpp.err"
	fail "preprocessing include/*.h"
	finish
fi

if ! python3 - "$src/include" "$tmp/all.i" >"$tmp/declared" <<'EOF'
import os, re, sys

incdir = os.path.realpath(sys.argv[1])
text = []
keep = False
for line in open(sys.argv[2], encoding="utf-8", errors="replace"):
    m = re.match(r'#\s*(?:line\s+)?\d+\s+"([^"]*)"', line)
    if m:
        keep = os.path.dirname(os.path.realpath(m.group(1))) == incdir
        continue
    if keep and not line.lstrip().startswith("#"):
        text.append(line)
text = "".join(text)

# Drop GNU attributes and asm labels; they are not part of the name.
def strip_balanced(s, keyword):
    out, i = [], 0
    while True:
        j = s.find(keyword, i)
        if j < 0:
            out.append(s[i:])
            return "".join(out)
        out.append(s[i:j])
        k = s.find("(", j)
        depth, k2 = 0, k
        while k2 < len(s):
            if s[k2] == "(":
                depth += 1
            elif s[k2] == ")":
                depth -= 1
                if depth == 0:
                    break
            k2 += 1
        i = k2 + 1
for kw in ("__attribute__", "__asm__", "__declspec"):
    text = strip_balanced(text, kw)

# Split into top-level statements: at ';' outside braces and parentheses,
# and after the body of a function definition.
stmts, cur, brace, paren = [], [], 0, 0
for tok in re.findall(r'[A-Za-z_]\w*|"(?:\\.|[^"\\])*"|\S', text):
    cur.append(tok)
    if tok == "(":
        paren += 1
    elif tok == ")":
        paren -= 1
    elif tok == "{":
        brace += 1
    elif tok == "}":
        brace -= 1
        if brace == 0 and paren == 0:
            head = cur[:cur.index("{")]
            if head and head[-1] == ")":  # function definition body
                stmts.append(cur)
                cur = []
    elif tok == ";" and brace == 0 and paren == 0:
        stmts.append(cur)
        cur = []

names = set()
for s in stmts:
    if not s or s[0] in ("typedef", "static") or "{" in s:
        continue
    if "(" not in s:
        continue  # object declaration
    i = s.index("(")
    name = s[i - 1] if i > 0 else ""
    # `T (*p)(...)` declares a pointer object, not a function.
    if not re.match(r'[A-Za-z_]\w*$', name):
        continue
    names.add(name)

for n in sorted(names):
    if re.match(r'^[A-Z][A-Za-z0-9]+$', n):
        print(n)
EOF
then
	fail "parsing the preprocessed headers"
	finish
fi

n_exported=$(wc -l <"$tmp/exported")
n_declared=$(wc -l <"$tmp/declared")
echo "exported Windows-style functions: $n_exported; declared in include/*.h: $n_declared"

if [ "$n_declared" -gt 0 ]; then
	pass "the headers declare functions"
else
	fail "no function declarations found in include/*.h"
fi

if [ "$n_exported" -gt 0 ]; then
	pass "the library exports Windows-style functions"
else
	fail "no Windows-style function exported by $lib"
fi

missing=$(comm -23 "$tmp/declared" "$tmp/exported")
if [ -z "$missing" ]; then
	pass "every declared function is exported"
else
	fail "declared in include/ but not exported by $(basename "$lib"):"
	printf '    %s\n' $missing
fi

extra=$(comm -13 "$tmp/declared" "$tmp/exported")
if [ -z "$extra" ]; then
	pass "every exported Windows-style function is declared"
else
	fail "exported by $(basename "$lib") but declared in no header:"
	printf '    %s\n' $extra
fi

finish
